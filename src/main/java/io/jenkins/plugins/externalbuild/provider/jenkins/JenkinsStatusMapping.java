package io.jenkins.plugins.externalbuild.provider.jenkins;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.StatusTable;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.Build;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.QueueItem;
import java.util.Map;

/**
 * Jenkins build and queue item states, normalized. A build is running while {@code building} is true (its
 * {@code result} may already be set then, in post-production); after that its {@code result} is final. A queue item
 * waits ({@code blocked}, {@code buildable}, or neither: quiet period), and leaves the queue with an
 * {@code executable} (its build) or {@code cancelled}.
 *
 * <p>Source: core at {@code jenkins-2.541.3}, {@code hudson/model/Result.java} (SUCCESS, UNSTABLE, FAILURE,
 * NOT_BUILT, ABORTED), {@code hudson/model/Run.java} ({@code isBuilding}, {@code isInProgress}),
 * {@code hudson/model/Queue.java} (Item, LeftItem).
 *
 * <pre>
 * raw              normalized  why
 * SUCCESS          SUCCESS
 * UNSTABLE         FAILED      usually test failures: a build to look at or restart, as the build step's
 *                              propagate treats it by default (the raw UNSTABLE is kept)
 * FAILURE          FAILED
 * NOT_BUILT        SKIPPED     e.g. a Pipeline stage or a matrix cell that did not run
 * ABORTED          CANCELED    stopped by a person, a timeout or a newer build
 * building         RUNNING     building: true
 * paused for input MANUAL      a Pipeline waiting in an input step (asked only where pipeline-rest-api answers)
 * queued           QUEUED      a queue item in its quiet period or waiting
 * blocked          QUEUED      a queue item blocked (another build of the job, a lock, …)
 * buildable        QUEUED      a queue item waiting for an executor
 * cancelled        CANCELED    a queue item cancelled before it started
 * other            UNKNOWN     a result newer than this table
 * </pre>
 */
final class JenkinsStatusMapping {

    static final String BUILDING = "building";
    static final String INPUT = "paused for input";
    static final String QUEUED = "queued";
    static final String BLOCKED = "blocked";
    static final String BUILDABLE = "buildable";
    static final String CANCELLED = "cancelled";

    private static final StatusTable TABLE = StatusTable.of("Jenkins", Map.ofEntries(
            Map.entry("SUCCESS", State.SUCCESS),
            Map.entry("UNSTABLE", State.FAILED),
            Map.entry("FAILURE", State.FAILED),
            Map.entry("NOT_BUILT", State.SKIPPED),
            Map.entry("ABORTED", State.CANCELED),
            Map.entry(BUILDING, State.RUNNING),
            Map.entry(INPUT, State.MANUAL),
            Map.entry(QUEUED, State.QUEUED),
            Map.entry(BLOCKED, State.QUEUED),
            Map.entry(BUILDABLE, State.QUEUED),
            Map.entry(CANCELLED, State.CANCELED)));

    private JenkinsStatusMapping() {
    }

    static BuildStatus map(String raw) {
        return TABLE.map(raw);
    }

    /** A build, with Jenkins' timing: start, duration once ended, and the estimated duration while it runs. */
    static BuildStatus of(Build build) {
        boolean building = build.isBuilding();
        BuildStatus status = map(building ? BUILDING : build.result() == null ? "result null" : build.result());
        Long duration = !building && build.duration() != null && build.duration() > 0 ? build.duration() : null;
        Long expected = building && build.estimatedDuration() != null && build.estimatedDuration() > 0
                ? build.estimatedDuration() : null;
        return status.withTiming(build.timestamp(), duration).withExpected(expected);
    }

    /** A queue item that has no build (yet, or ever). */
    static BuildStatus of(QueueItem item) {
        if (item.isCancelled()) {
            return map(CANCELLED);
        }
        if (Boolean.TRUE.equals(item.blocked())) {
            return map(BLOCKED);
        }
        return map(Boolean.TRUE.equals(item.buildable()) ? BUILDABLE : QUEUED);
    }
}
