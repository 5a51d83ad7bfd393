package io.jenkins.plugins.externalbuild.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A provider's status of a build, normalized to {@link State}, always with the provider's own raw
 * value ({@code "waiting_for_resource"}, {@code "IN_PROGRESS"}…) for display and diagnostics.
 * Each provider documents its mapping table next to its code.
 *
 * <p>Timing hints, where the provider tells them, let the engine poll sparsely early and densely near the
 * expected end: {@code startedAt} (epoch ms) when the build started running, {@code durationMillis} how long it
 * ran once it ended, {@code expectedMillis} how long the provider expects a running build to take (Jenkins'
 * {@code estimatedDuration}). All are null when unknown; they take no part in deciding whether the status changed.
 *
 * <p>{@code movedTo}: the build the polled ref now stands for, when a provider learns the real id only after the
 * restart (a Jenkins queue item that became build #43). The wait then follows {@code movedTo}
 * ({@link WaitState#observed}); null otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildStatus(State state, String raw, Long startedAt, Long durationMillis, Long expectedMillis,
                          BuildRef movedTo) {

    /** Normalized build states, in the order a build usually passes through them. */
    public enum State {
        /** Accepted but not running yet: created, pending, waiting for a runner or resource. */
        QUEUED(false),
        /** Running, or being canceled. */
        RUNNING(false),
        /** Blocked until a person acts: a manual job, an approval. Not terminal, but it will not move alone. */
        MANUAL(false),
        SUCCESS(true),
        FAILED(true),
        CANCELED(true),
        SKIPPED(true),
        /** The provider answered with a value we do not know. */
        UNKNOWN(false);

        private final boolean terminal;

        State(boolean terminal) {
            this.terminal = terminal;
        }

        public boolean terminal() {
            return terminal;
        }
    }

    public BuildStatus {
        Objects.requireNonNull(state, "state");
        raw = raw == null ? "" : raw;
    }

    public BuildStatus(State state, String raw) {
        this(state, raw, null, null, null, null);
    }

    public BuildStatus(State state, String raw, Long startedAt, Long durationMillis) {
        this(state, raw, startedAt, durationMillis, null, null);
    }

    public static BuildStatus of(State state, String raw) {
        return new BuildStatus(state, raw);
    }

    /** This status with the provider's timing hints ({@code null}: unknown). */
    public BuildStatus withTiming(Long startedAtMillis, Long durationMillis) {
        return new BuildStatus(state, raw, startedAtMillis, durationMillis, expectedMillis, movedTo);
    }

    /** This status with the provider's expected run time of a running build ({@code null} or 0: unknown). */
    public BuildStatus withExpected(Long expectedMillis) {
        return new BuildStatus(state, raw, startedAt, durationMillis, expectedMillis, movedTo);
    }

    /** This status, read for a ref that now stands for {@code ref} (see the class comment). */
    public BuildStatus movedTo(BuildRef ref) {
        return new BuildStatus(state, raw, startedAt, durationMillis, expectedMillis, ref);
    }

    /** Same normalized state and raw value: what a person would call the same status. */
    public boolean sameAs(BuildStatus other) {
        return other != null && state == other.state && raw.equals(other.raw);
    }

    /** The build will not change any more by itself. */
    public boolean terminal() {
        return state.terminal();
    }

    public boolean succeeded() {
        return state == State.SUCCESS;
    }

    /** {@code failed (failed)} or {@code running (waiting_for_resource)}: normalized, then raw. */
    @Override
    public String toString() {
        String normalized = state.name().toLowerCase(java.util.Locale.ROOT);
        return raw.isEmpty() || raw.equalsIgnoreCase(normalized) ? normalized : normalized + " (" + raw + ")";
    }
}
