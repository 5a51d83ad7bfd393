package io.jenkins.plugins.externalbuild.provider.azure;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.StatusTable;
import java.util.Map;

/**
 * Azure DevOps build {@code status} and {@code result}, normalized. The raw value is {@code "status/result"}
 * ({@code "inProgress/none"}, {@code "completed/failed"}) so that both halves are shown and compared; a build that
 * has not completed has no meaningful result, so only a completed build is judged by its result.
 *
 * <p>Source: the {@code BuildStatus} and {@code BuildResult} enums of {@code Build} in
 * MicrosoftDocs/vsts-rest-api-specs {@code specification/build/7.1/build.json}, and learn.microsoft.com
 * "Builds - Get" (api-version 7.1).
 *
 * <pre>
 * status       result               normalized  why
 * notStarted   (any)                QUEUED      "The build has not yet started."
 * postponed    (any)                QUEUED      "The build is inactive in the queue."
 * inProgress   (any)                RUNNING
 * cancelling   (any)                RUNNING     cancel requested, not done
 * none         (any)                UNKNOWN     "No status.": not a state a build should be in; counted, not guessed
 * completed    succeeded            SUCCESS
 * completed    partiallySucceeded   FAILED      see below
 * completed    failed               FAILED
 * completed    canceled             CANCELED
 * completed    none / absent        UNKNOWN     completed without a result: not documented
 * anything else                     UNKNOWN
 * </pre>
 *
 * <p><b>partiallySucceeded is FAILED</b> (its raw value says which it was). Azure sets it when a task failed but
 * was allowed to continue ({@code continueOnError}) — "The build completed compilation successfully but had other
 * errors." The portal shows it orange and offers "Rerun failed jobs" on it. Something that waits for a build to
 * pass must not report success for a build with failed tasks; and as FAILED it can be restarted by the restart
 * loop (mode {@code failed} retries exactly those jobs). The enum value {@code all} is a query filter, not a
 * state of a build.
 */
final class AzureDevOpsStatusMapping {

    private static final StatusTable RUNNING_STATES = StatusTable.of("Azure DevOps", Map.of(
            "notStarted", State.QUEUED,
            "postponed", State.QUEUED,
            "inProgress", State.RUNNING,
            "cancelling", State.RUNNING));

    private static final StatusTable RESULTS = StatusTable.of("Azure DevOps", Map.of(
            "succeeded", State.SUCCESS,
            "partiallySucceeded", State.FAILED,
            "failed", State.FAILED,
            "canceled", State.CANCELED));

    private AzureDevOpsStatusMapping() {
    }

    static BuildStatus map(String status, String result) {
        String s = status == null || status.isBlank() ? "none" : status.trim();
        String r = result == null || result.isBlank() ? "none" : result.trim();
        State state = s.equalsIgnoreCase("completed") ? RESULTS.state(r) : RUNNING_STATES.state(s);
        return BuildStatus.of(state, s + "/" + r);
    }
}
