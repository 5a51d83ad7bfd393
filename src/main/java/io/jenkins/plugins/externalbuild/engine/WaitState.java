package io.jenkins.plugins.externalbuild.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to resume a wait after a restart of the process: the current attempt, the attempts
 * before it, the deadline, the last status seen, the counters the stop rules use and the time of the
 * next poll. Immutable; each event returns a new state. Stored as small JSON ({@link #toJson()}); times
 * are epoch milliseconds so that the JSON needs no extra modules.
 *
 * @param previous earlier attempts of this build, oldest first, each with the status it ended with
 * @param status the last status seen of the current attempt, or {@code null} before the first poll
 * @param polls polls of the current attempt so far (drives the backoff)
 * @param errors consecutive polls that failed
 * @param unknowns consecutive polls that returned an unknown status
 * @param seen whether the current attempt has been seen at least once (a later 404 means it disappeared)
 * @param expectedMillis how long the current attempt is expected to run (e.g. the previous attempt's duration),
 *                       0 when unknown; the engine polls sparsely until near the expected end
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WaitState(BuildRef ref, int attempt, List<PastAttempt> previous, long startedAt, long deadline,
                        BuildStatus status, int polls, int errors, int unknowns, boolean seen, long nextPollAt,
                        long lastChangeAt, long expectedMillis) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** An attempt that was restarted, with the status it had when it was left. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PastAttempt(String id, int number, String url, BuildStatus status) {
    }

    public WaitState {
        Objects.requireNonNull(ref, "ref");
        previous = List.copyOf(previous == null ? List.of() : previous);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt < 1: " + attempt);
        }
    }

    /** A new wait on {@code attempt}, ending at {@code now + policy.timeout()}, first poll after {@code firstPollIn}. */
    public static WaitState start(Attempt attempt, List<PastAttempt> previous, Instant now, WaitPolicy policy,
                                  java.time.Duration firstPollIn) {
        long t = now.toEpochMilli();
        return new WaitState(attempt.ref(), attempt.number(), previous, t, t + policy.timeout().toMillis(), null,
                0, 0, 0, false, t + Math.max(0, firstPollIn.toMillis()), t, 0);
    }

    /** This wait expecting the build to run about {@code expected} (0 or negative: unknown). */
    public WaitState withExpected(java.time.Duration expected) {
        return new WaitState(ref, attempt, previous, startedAt, deadline, status, polls, errors, unknowns, seen,
                nextPollAt, lastChangeAt, Math.max(0, expected.toMillis()));
    }

    /**
     * When the running build is expected to end: its start (the provider's, else when we first saw it running)
     * plus {@link #expectedMillis()}. Empty when no duration is expected or the build is not running yet (time in
     * a queue cannot be predicted).
     */
    public java.util.Optional<Instant> expectedEnd() {
        if (expectedMillis <= 0 || status == null || status.state() != BuildStatus.State.RUNNING) {
            return java.util.Optional.empty();
        }
        long base = status.startedAt() != null ? status.startedAt() : lastChangeAt;
        return java.util.Optional.of(Instant.ofEpochMilli(base + expectedMillis));
    }

    public Attempt currentAttempt() {
        return new Attempt(ref, attempt);
    }

    public Instant deadlineInstant() {
        return Instant.ofEpochMilli(deadline);
    }

    public Instant nextPollInstant() {
        return Instant.ofEpochMilli(nextPollAt);
    }

    /** Ids of the earlier attempts that differ from the current id, oldest first. */
    public List<String> previousIds() {
        List<String> ids = new ArrayList<>();
        for (PastAttempt p : previous) {
            if (!p.id().equals(ref.id()) && !ids.contains(p.id())) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    /** Whether the status differs from the last one seen (raw value included; timing hints ignored). */
    public boolean changes(BuildStatus next) {
        return status == null || !status.sameAs(next);
    }

    /**
     * A successful poll: records the status and resets the error counters. A status that names the build its ref
     * {@linkplain BuildStatus#movedTo moved to} makes that build the ref of this attempt (the move itself is not kept
     * in the status); a status with an expected run time makes it this attempt's expectation.
     */
    public WaitState observed(BuildStatus next, Instant now) {
        BuildRef current = next.movedTo() != null ? next.movedTo() : ref;
        BuildStatus kept = next.movedTo() != null ? next.movedTo(null) : next;
        boolean unknown = kept.state() == BuildStatus.State.UNKNOWN;
        long changeAt = changes(kept) ? now.toEpochMilli() : lastChangeAt;
        long expected = kept.expectedMillis() != null && kept.expectedMillis() > 0 ? kept.expectedMillis() : expectedMillis;
        return new WaitState(current, attempt, previous, startedAt, deadline, kept, polls + 1, 0,
                unknown ? unknowns + 1 : 0, true, nextPollAt, changeAt, expected);
    }

    /** A failed poll. */
    public WaitState failed() {
        return new WaitState(ref, attempt, previous, startedAt, deadline, status, polls + 1, errors + 1, unknowns,
                seen, nextPollAt, lastChangeAt, expectedMillis);
    }

    public WaitState scheduled(Instant at) {
        return new WaitState(ref, attempt, previous, startedAt, deadline, status, polls, errors, unknowns, seen,
                at.toEpochMilli(), lastChangeAt, expectedMillis);
    }

    /**
     * The wait moves to {@code next} after a restart: the current attempt joins {@link #previous()} with its
     * last status, the counters reset, the deadline stays. The new attempt is expected to run as long as the
     * previous one did, when the provider told its duration.
     */
    public WaitState restarted(Attempt next, Instant now, java.time.Duration firstPollIn) {
        List<PastAttempt> chain = new ArrayList<>(previous);
        chain.add(new PastAttempt(ref.id(), attempt, ref.url(), status));
        long t = now.toEpochMilli();
        long expected = status != null && status.durationMillis() != null && status.durationMillis() > 0
                ? status.durationMillis() : expectedMillis;
        return new WaitState(next.ref(), next.number(), chain, startedAt, deadline, null, 0, 0, 0, false,
                t + Math.max(0, firstPollIn.toMillis()), t, expected);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write wait state", e);
        }
    }

    public static WaitState fromJson(String json) {
        WaitState state;
        try {
            state = JSON.readValue(json, WaitState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a wait state: " + e.getOriginalMessage(), e);
        }
        if (state == null) {
            throw new IllegalArgumentException("not a wait state: null");
        }
        return state;
    }
}
