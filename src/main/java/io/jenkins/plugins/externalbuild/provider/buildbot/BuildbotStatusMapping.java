package io.jenkins.plugins.externalbuild.provider.buildbot;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.StatusTable;
import io.jenkins.plugins.externalbuild.provider.buildbot.BuildbotDtos.Build;
import io.jenkins.plugins.externalbuild.provider.buildbot.BuildbotDtos.BuildRequest;
import java.util.List;
import java.util.Map;

/**
 * Buildbot build and build request states, normalized. A finished build has a numeric {@code results} code;
 * an unfinished one has {@code complete: false} and {@code results: null}; a build request has {@code results: -1}
 * until it is complete and {@code claimed: false} while it waits for a worker.
 *
 * <p>Source: Buildbot's "Build Result Codes" ({@code master/docs/developer/results.rst},
 * {@code buildbot/process/results.py}: {@code ALL_RESULTS = range(7)}, names {@code Results}).
 *
 * <pre>
 * code  raw         normalized  why
 *  0    success     SUCCESS
 *  1    warnings    SUCCESS     documented as "a successful run, with some warnings"; a project that wants warnings
 *                               to fail configures its steps with flunkOnWarnings, and then the build is a FAILURE
 *  2    failure     FAILED      a problem in the build itself
 *  3    skipped     SKIPPED     e.g. a request merged into another one (collapseRequests)
 *  4    exception   FAILED      a Buildbot or configuration error ended the build
 *  5    retry       QUEUED      this build is over, but its build request went back to the queue and will get a new
 *                               build when a worker returns: not terminal for the request
 *  6    cancelled   CANCELED    stopped, or a queued request cancelled
 *  -    building    RUNNING     a build with complete: false
 *  -    pending     QUEUED      a request without a build yet (unclaimed, or claimed and about to start)
 *  other results N  UNKNOWN     a code newer than this table
 * </pre>
 */
final class BuildbotStatusMapping {

    /** Index = results code, as in {@code buildbot.process.results.Results}. */
    static final List<String> RESULT_NAMES = List.of("success", "warnings", "failure", "skipped", "exception", "retry",
            "cancelled");
    static final int RETRY = 5;
    static final String BUILDING = "building";
    static final String PENDING = "pending";

    private static final StatusTable TABLE = StatusTable.of("Buildbot", Map.ofEntries(
            Map.entry("success", State.SUCCESS),
            Map.entry("warnings", State.SUCCESS),
            Map.entry("failure", State.FAILED),
            Map.entry("skipped", State.SKIPPED),
            Map.entry("exception", State.FAILED),
            Map.entry("retry", State.QUEUED),
            Map.entry("cancelled", State.CANCELED),
            Map.entry(BUILDING, State.RUNNING),
            Map.entry(PENDING, State.QUEUED)));

    private BuildbotStatusMapping() {
    }

    /** The raw name of a results code: {@code failure} for 2, {@code results 9} for a code we do not know. */
    static String resultName(Integer results) {
        if (results == null) {
            return "results null";
        }
        return results >= 0 && results < RESULT_NAMES.size() ? RESULT_NAMES.get(results) : "results " + results;
    }

    static BuildStatus map(String raw) {
        return TABLE.map(raw);
    }

    /**
     * A build on its own (a RETRY build maps to QUEUED: its request goes on; {@link BuildbotProvider} follows it),
     * with its start and, once complete, its duration ({@code started_at}, {@code complete_at}: Unix seconds).
     */
    static BuildStatus of(Build build) {
        BuildStatus status = build.isComplete() ? map(resultName(build.results())) : map(BUILDING);
        Long started = build.startedAt() == null ? null : build.startedAt() * 1000;
        Long duration = started == null || build.completeAt() == null || !build.isComplete() ? null
                : (build.completeAt() - build.startedAt()) * 1000;
        return started == null ? status : status.withTiming(started, duration);
    }

    /** A build request that has no (running or final) build to speak for it. */
    static BuildStatus of(BuildRequest request) {
        return request.isComplete() ? map(resultName(request.results())) : map(PENDING);
    }
}
