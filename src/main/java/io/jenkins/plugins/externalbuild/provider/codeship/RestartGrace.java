package io.jenkins.plugins.externalbuild.provider.codeship;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hides the old run of a build restarted under the same id until the new run shows. Codeship accepts a restart with
 * 202 and creates the new build run later; until then the build still reads as the old, terminal run, and a wait
 * would end on it at once. So after a same-id restart, a terminal status whose timestamps are still the old run's
 * reads as {@code QUEUED} ("restart requested") for at most {@link #GRACE}; after that the real status shows again,
 * since a restart that never shows must not hold a wait forever. How a new run shows in the build JSON is UNVERIFIED
 * (docs: "a new build_run (which will be visible when you request the build details again)"), hence any change of
 * status kind or timestamps counts. Per connection, in memory: a reconnect (Jenkins restart) forgets it.
 */
final class RestartGrace {

    static final Duration GRACE = Duration.ofMinutes(2);

    private record Pending(String startedAt, String finishedAt, Instant until) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    RestartGrace(Clock clock) {
        this.clock = clock;
    }

    /** Remembers the run that was restarted, by its start ({@code queued_at}, v1 {@code started_at}) and end. */
    void restarted(String id, String startedAt, String finishedAt) {
        pending.put(id, new Pending(startedAt, finishedAt, clock.instant().plus(GRACE)));
    }

    /** The status to report for {@code id}, given what Codeship answered now. */
    BuildStatus adjust(String id, BuildStatus status, String startedAt, String finishedAt) {
        Pending p = pending.get(id);
        if (p == null) {
            return status;
        }
        boolean oldRun = status.terminal() && Objects.equals(p.startedAt(), startedAt)
                && Objects.equals(p.finishedAt(), finishedAt);
        if (oldRun && clock.instant().isBefore(p.until())) {
            return BuildStatus.of(BuildStatus.State.QUEUED, "restart requested");
        }
        pending.remove(id);
        return status;
    }
}
