package io.jenkins.plugins.externalbuild.provider.buildkite;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.StatusTable;
import java.util.Map;

/**
 * Buildkite build states, normalized.
 *
 * <p>Source: buildkite/docs {@code pages/pipelines/_build_states.md} ("Build state can be one of creating, scheduled,
 * running, passed, failing, failed, blocked, canceling, canceled, skipped, not_run"), and the build data model of
 * {@code pages/apis/rest_api/builds.md}, which also lists {@code waiting} and {@code waiting_failed}.
 * {@code finished} is only a query shortcut (passed, failed, blocked, canceled), never a build's state.
 *
 * <pre>
 * raw             normalized  why
 * creating        QUEUED      the build is being created
 * scheduled       QUEUED      has yet to start running jobs
 * waiting         QUEUED      waits behind a wait step or dependency (UNVERIFIED for builds)
 * running         RUNNING
 * failing         RUNNING     a job failed but others still run: it will end failed, not yet
 * canceling       RUNNING     cancel requested, jobs still stopping
 * blocked         MANUAL      a block step waits for a person to unblock it: will not move alone
 * passed          SUCCESS
 * failed          FAILED
 * waiting_failed  FAILED      a wait step will not continue after a failure (UNVERIFIED for builds)
 * canceled        CANCELED
 * skipped         SKIPPED     skipped, e.g. by "skip queued branch builds"
 * not_run         SKIPPED     every step was skipped, so the build did not run
 * anything else   UNKNOWN
 * </pre>
 */
final class BuildkiteStatusMapping {

    private static final StatusTable TABLE = StatusTable.of("Buildkite", Map.ofEntries(
            Map.entry("creating", State.QUEUED),
            Map.entry("scheduled", State.QUEUED),
            Map.entry("waiting", State.QUEUED),
            Map.entry("running", State.RUNNING),
            Map.entry("failing", State.RUNNING),
            Map.entry("canceling", State.RUNNING),
            Map.entry("blocked", State.MANUAL),
            Map.entry("passed", State.SUCCESS),
            Map.entry("failed", State.FAILED),
            Map.entry("waiting_failed", State.FAILED),
            Map.entry("canceled", State.CANCELED),
            Map.entry("skipped", State.SKIPPED),
            Map.entry("not_run", State.SKIPPED)));

    private BuildkiteStatusMapping() {
    }

    static BuildStatus map(String raw) {
        return TABLE.map(raw);
    }
}
