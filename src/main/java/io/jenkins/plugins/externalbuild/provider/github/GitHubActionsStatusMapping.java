package io.jenkins.plugins.externalbuild.provider.github;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.StatusTable;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub Actions workflow run and job statuses, normalized. A run (or job) has a {@code status} and, once
 * {@code completed}, a {@code conclusion}; the raw value we keep is {@code status/conclusion}
 * ({@code completed/failure}), or the status alone while there is no conclusion ({@code in_progress}).
 *
 * <p>Sources: the REST API description (github/rest-api-description, {@code api.github.com.json}): the
 * {@code job} schema's {@code status} enum (queued, in_progress, completed, waiting, requested, pending) and
 * {@code conclusion} enum (success, failure, neutral, cancelled, skipped, timed_out, action_required); the
 * {@code workflow-run-status} list filter, which adds {@code stale}; {@code startup_failure} from
 * cli/cli {@code pkg/cmd/run/shared/shared.go} (a run whose workflow file is broken).
 *
 * <pre>
 * status / conclusion          normalized  why
 * requested                    QUEUED      created, not yet queued
 * queued                       QUEUED      waits for a runner
 * pending                      QUEUED      waits for its concurrency group
 * waiting                      MANUAL      waits for a deployment review (environment protection rule)
 * in_progress                  RUNNING
 * completed/success            SUCCESS
 * completed/neutral            SUCCESS     finished without failing (checks treat neutral as passing)
 * completed/failure            FAILED
 * completed/timed_out          FAILED      a job exceeded its timeout
 * completed/startup_failure    FAILED      the workflow file is invalid: no job ran
 * completed/cancelled          CANCELED
 * completed/stale              CANCELED    GitHub gave up on it (incomplete too long): it will not move
 * completed/skipped            SKIPPED
 * completed/action_required    MANUAL      someone must approve the run (fork pull requests)
 * anything else                UNKNOWN
 * </pre>
 */
final class GitHubActionsStatusMapping {

    private static final StatusTable TABLE = StatusTable.of("GitHub Actions", Map.ofEntries(
            Map.entry("requested", State.QUEUED),
            Map.entry("queued", State.QUEUED),
            Map.entry("pending", State.QUEUED),
            Map.entry("waiting", State.MANUAL),
            Map.entry("in_progress", State.RUNNING),
            Map.entry("completed/success", State.SUCCESS),
            Map.entry("completed/neutral", State.SUCCESS),
            Map.entry("completed/failure", State.FAILED),
            Map.entry("completed/timed_out", State.FAILED),
            Map.entry("completed/startup_failure", State.FAILED),
            Map.entry("completed/cancelled", State.CANCELED),
            Map.entry("completed/stale", State.CANCELED),
            Map.entry("completed/skipped", State.SKIPPED),
            Map.entry("completed/action_required", State.MANUAL)));

    private GitHubActionsStatusMapping() {
    }

    /** The normalized status of a run or job; the raw value is {@code status/conclusion}. */
    static BuildStatus map(String status, String conclusion) {
        String s = status == null ? "" : status.trim();
        String c = conclusion == null ? "" : conclusion.trim();
        String raw = c.isEmpty() ? s : s + "/" + c;
        // Only a completed run is judged by its conclusion; before that the status alone says where it is.
        String key = "completed".equals(s.toLowerCase(Locale.ROOT)) ? raw : s;
        return BuildStatus.of(TABLE.state(key), raw);
    }
}
