package io.jenkins.plugins.externalbuild.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every status of app/models/concerns/ci/has_status.rb (13 values), the documented job scopes (doc/api/jobs.md) and
 * pipeline status filter (doc/api/pipelines.md), and the British spelling some servers have used.
 */
class GitLabStatusMappingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "created, QUEUED",
            "waiting_for_resource, QUEUED",
            "preparing, QUEUED",
            "pending, QUEUED",
            "scheduled, QUEUED",
            "waiting_for_callback, RUNNING",
            "running, RUNNING",
            "canceling, RUNNING",
            "manual, MANUAL",
            "success, SUCCESS",
            "failed, FAILED",
            "canceled, CANCELED",
            "cancelled, CANCELED",
            "skipped, SKIPPED",
    })
    void everyDocumentedStatusIsMappedAndKeepsItsRawValue(String raw, State state) {
        BuildStatus status = GitLabStatusMapping.map(raw);
        assertThat(status.state()).isEqualTo(state);
        assertThat(status.raw()).isEqualTo(raw);
    }

    @Test
    void onlySuccessFailedCanceledAndSkippedAreTerminal() {
        for (String raw : new String[] {"success", "failed", "canceled", "skipped"}) {
            assertThat(GitLabStatusMapping.map(raw).terminal()).as(raw).isTrue();
        }
        for (String raw : new String[] {"created", "waiting_for_resource", "preparing", "pending", "scheduled",
                "waiting_for_callback", "running", "canceling", "manual"}) {
            assertThat(GitLabStatusMapping.map(raw).terminal()).as(raw).isFalse();
        }
    }

    @Test
    void caseAndSurroundingSpaceDoNotMatterButTheRawValueIsKeptAsSent() {
        BuildStatus status = GitLabStatusMapping.map(" FAILED ");
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.raw()).isEqualTo(" FAILED ");
    }

    @Test
    void unknownOrMissingStatusIsUnknownAndNotTerminal() {
        BuildStatus future = GitLabStatusMapping.map("waiting_for_approval");
        assertThat(future.state()).isEqualTo(State.UNKNOWN);
        assertThat(future.raw()).isEqualTo("waiting_for_approval");
        assertThat(future.terminal()).isFalse();
        assertThat(GitLabStatusMapping.map(null)).isEqualTo(BuildStatus.of(State.UNKNOWN, ""));
        assertThat(GitLabStatusMapping.map("").state()).isEqualTo(State.UNKNOWN);
    }
}
