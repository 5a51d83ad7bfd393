package io.jenkins.plugins.externalbuild.provider.gitlab;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.StatusTable;
import java.util.Map;

/**
 * GitLab job and pipeline statuses, normalized. Jobs and pipelines share one status vocabulary.
 *
 * <p>Source: GitLab REST API docs, {@code doc/api/jobs.md} ("scope" and job {@code status} values) and
 * {@code doc/api/pipelines.md} ({@code status} filter: created, waiting_for_resource, preparing, pending,
 * running, success, failed, canceled, skipped, manual, scheduled); {@code canceling} from
 * {@code app/models/concerns/ci/has_status.rb}. v3 builds use the same values.
 *
 * <pre>
 * raw                    normalized  why
 * created                QUEUED      not yet sent to a runner
 * waiting_for_resource   QUEUED      waits for a resource_group
 * preparing              QUEUED      runner prepares the environment
 * pending                QUEUED      waits for a runner
 * scheduled              QUEUED      delayed job: runs by itself at its time
 * waiting_for_callback   RUNNING     job waits for an external callback
 * running                RUNNING
 * canceling              RUNNING     cancel requested, not done
 * manual                 MANUAL      needs someone to press play: will not move alone
 * success                SUCCESS
 * failed                 FAILED
 * canceled / cancelled   CANCELED
 * skipped                SKIPPED
 * anything else          UNKNOWN
 * </pre>
 */
final class GitLabStatusMapping {

    private static final StatusTable TABLE = StatusTable.of("GitLab", Map.ofEntries(
            Map.entry("created", State.QUEUED),
            Map.entry("waiting_for_resource", State.QUEUED),
            Map.entry("preparing", State.QUEUED),
            Map.entry("pending", State.QUEUED),
            Map.entry("scheduled", State.QUEUED),
            Map.entry("waiting_for_callback", State.RUNNING),
            Map.entry("running", State.RUNNING),
            Map.entry("canceling", State.RUNNING),
            Map.entry("manual", State.MANUAL),
            Map.entry("success", State.SUCCESS),
            Map.entry("failed", State.FAILED),
            Map.entry("canceled", State.CANCELED),
            Map.entry("cancelled", State.CANCELED),
            Map.entry("skipped", State.SKIPPED)));

    private GitLabStatusMapping() {
    }

    static BuildStatus map(String raw) {
        return TABLE.map(raw);
    }
}
