package io.jenkins.plugins.externalbuild.provider.buildkite;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hides the old end of a build whose jobs were retried under the same build number, until the retry shows. Buildkite
 * queues retried jobs ("This request is asynchronous", builds.md, Retry failed jobs), so a read right after the
 * retry may still show the build's old terminal state, and a wait would end on it at once. After such a restart, a
 * terminal state whose {@code finished_at} is still the old one reads as {@code QUEUED} ("retry requested") for at
 * most {@link #GRACE}; then the real state shows again, since a retry that never shows must not hold a wait forever.
 * How quickly the build leaves its terminal state is UNVERIFIED. Per connection, in memory.
 */
final class SameNumberRestarts {

    static final Duration GRACE = Duration.ofMinutes(2);

    private record Pending(String finishedAt, Instant until) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    SameNumberRestarts(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Remembers the end of the build that was restarted; nothing to remember when it had not ended. */
    void restarted(String key, String finishedAt) {
        if (finishedAt != null) {
            pending.put(key, new Pending(finishedAt, clock.instant().plus(GRACE)));
        }
    }

    /** The status to report for {@code key}, given what Buildkite answered now. */
    BuildStatus adjust(String key, BuildStatus status, String finishedAt) {
        Pending p = pending.get(key);
        if (p == null) {
            return status;
        }
        boolean oldEnd = status.terminal() && p.finishedAt().equals(finishedAt);
        if (oldEnd && clock.instant().isBefore(p.until())) {
            return BuildStatus.of(BuildStatus.State.QUEUED, "retry requested");
        }
        pending.remove(key);
        return status;
    }
}
