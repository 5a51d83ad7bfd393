package io.jenkins.plugins.externalbuild.provider.codeship;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.StatusTable;
import java.util.Map;

/**
 * Codeship build statuses (API v2 and the Basic API v1 share them), normalized.
 *
 * <p>No complete list is published. Sources: the v2 examples ({@code success} in
 * docs.cloudbees.com/…/api-builds/get-build, {@code failed} in …/list-builds); the webhook status list with
 * meanings in codeship/documentation {@code _general/projects/notifications.md} (initiated, error, success,
 * stopped, waiting, ignored, blocked, infrastructure_failure); the badge states of codeship-ruby
 * {@code lib/codeship/status.rb} (testing, waiting, error, success, stopped, ignored, infrastructure_failure).
 *
 * <pre>
 * raw                      normalized  why
 * waiting                  QUEUED      "waiting builds": queued for a machine
 * initiated                RUNNING     "newly started build"
 * testing                  RUNNING     running (badge and v1 vocabulary)
 * success                  SUCCESS
 * error                    FAILED      "failed builds" (webhook and v1 vocabulary)
 * failed                   FAILED      v2 example
 * infrastructure_failure   FAILED      "failed because of an internal error on the build VM": a restart may help
 * stopped                  CANCELED    "stopped builds"
 * canceled / cancelled     CANCELED    not documented; seen in third-party clients
 * ignored                  SKIPPED     "ignored because the account is over the monthly build limit": never ran
 * skipped                  SKIPPED     not documented; kept for symmetry with ignored
 * blocked                  SKIPPED     "blocked because of excessive resource consumption": Codeship will not run it;
 *                                      not MANUAL, since no approval or play button exists that a person could press
 * anything else            UNKNOWN     logged; the engine tolerates a few in a row
 * </pre>
 */
final class CodeshipStatusMapping {


    private static final StatusTable TABLE = StatusTable.of("Codeship", Map.ofEntries(
            Map.entry("waiting", State.QUEUED),
            Map.entry("initiated", State.RUNNING),
            Map.entry("testing", State.RUNNING),
            Map.entry("success", State.SUCCESS),
            Map.entry("error", State.FAILED),
            Map.entry("failed", State.FAILED),
            Map.entry("infrastructure_failure", State.FAILED),
            Map.entry("stopped", State.CANCELED),
            Map.entry("canceled", State.CANCELED),
            Map.entry("cancelled", State.CANCELED),
            Map.entry("ignored", State.SKIPPED),
            Map.entry("skipped", State.SKIPPED),
            Map.entry("blocked", State.SKIPPED)));

    private CodeshipStatusMapping() {
    }

    static BuildStatus map(String raw) {
        return TABLE.map(raw);
    }

    /** Codeship ignores a restart of a build in these states (docs: restart-build). */
    static boolean running(BuildStatus status) {
        return status.state() == State.QUEUED || status.state() == State.RUNNING;
    }
}
