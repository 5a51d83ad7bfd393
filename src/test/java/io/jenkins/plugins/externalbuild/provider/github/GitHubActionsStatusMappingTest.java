package io.jenkins.plugins.externalbuild.provider.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented status and conclusion (GitHubActionsStatusMapping's table). */
class GitHubActionsStatusMappingTest {

    @ParameterizedTest(name = "{0}/{1} is {2}")
    @CsvSource({
            "requested,, QUEUED, requested",
            "queued,, QUEUED, queued",
            "pending,, QUEUED, pending",
            "waiting,, MANUAL, waiting",
            "in_progress,, RUNNING, in_progress",
            "completed, success, SUCCESS, completed/success",
            "completed, neutral, SUCCESS, completed/neutral",
            "completed, failure, FAILED, completed/failure",
            "completed, timed_out, FAILED, completed/timed_out",
            "completed, startup_failure, FAILED, completed/startup_failure",
            "completed, cancelled, CANCELED, completed/cancelled",
            "completed, stale, CANCELED, completed/stale",
            "completed, skipped, SKIPPED, completed/skipped",
            "completed, action_required, MANUAL, completed/action_required",
            "completed,, UNKNOWN, completed",
            "completed, something_new, UNKNOWN, completed/something_new",
            "being_invented,, UNKNOWN, being_invented",
    })
    void everyDocumentedStatusAndConclusionHasItsState(String status, String conclusion, State state, String raw) {
        assertThat(GitHubActionsStatusMapping.map(status, conclusion)).isEqualTo(BuildStatus.of(state, raw));
    }

    @ParameterizedTest(name = "{0} stays {0} whatever the conclusion")
    @CsvSource({"queued, QUEUED", "in_progress, RUNNING", "waiting, MANUAL"})
    void beforeCompletionOnlyTheStatusCounts(String status, State state) {
        assertThat(GitHubActionsStatusMapping.map(status, "failure").state()).isEqualTo(state);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"COMPLETED, FAILURE", "' completed ', ' failure '"})
    void valuesAreComparedIgnoringCaseAndSpaces(String status, String conclusion) {
        assertThat(GitHubActionsStatusMapping.map(status, conclusion).state()).isEqualTo(State.FAILED);
    }
}
