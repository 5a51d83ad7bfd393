package io.jenkins.plugins.externalbuild.provider.codebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table in {@link CodeBuildStatusMapping}'s Javadoc, row by row. */
class CodeBuildStatusMappingTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "IN_PROGRESS, SUBMITTED, QUEUED",
        "IN_PROGRESS, QUEUED, QUEUED",
        "IN_PROGRESS, PROVISIONING, RUNNING",
        "IN_PROGRESS, BUILD, RUNNING",
        "IN_PROGRESS, FINALIZING, RUNNING",
        "IN_PROGRESS, null, RUNNING",
        "SUCCEEDED, COMPLETED, SUCCESS",
        "FAILED, COMPLETED, FAILED",
        "FAULT, COMPLETED, FAILED",
        "TIMED_OUT, COMPLETED, FAILED",
        "STOPPED, COMPLETED, CANCELED",
        "PENDING, null, UNKNOWN",
        "null, null, UNKNOWN",
        "succeeded, COMPLETED, SUCCESS",
    })
    void buildStatusAndPhaseMapAsDocumented(String status, String phase, State expected) {
        assertThat(CodeBuildStatusMapping.build(status, phase).state()).isEqualTo(expected);
        assertThat(CodeBuildStatusMapping.build(status, phase).raw()).isEqualTo(status == null ? "" : status);
    }

    @ParameterizedTest
    @CsvSource({
        "IN_PROGRESS, SUBMITTED, QUEUED",
        "IN_PROGRESS, DOWNLOAD_BATCHSPEC, RUNNING",
        "IN_PROGRESS, IN_PROGRESS, RUNNING",
        "IN_PROGRESS, COMBINE_ARTIFACTS, RUNNING",
        "SUCCEEDED, SUCCEEDED, SUCCESS",
        "FAILED, FAILED, FAILED",
        "STOPPED, STOPPED, CANCELED",
    })
    void batchStatusAndPhaseMapAsDocumented(String status, String phase, State expected) {
        assertThat(CodeBuildStatusMapping.batch(status, phase).state()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"FAILED, true", "FAULT, true", "TIMED_OUT, true", "CLIENT_ERROR, true", "SUCCEEDED, false",
        "STOPPED, false", "RETRY, false", "PENDING, false"})
    void failedPartsAreTheFailingPhaseAndGroupStatuses(String status, boolean failed) {
        assertThat(CodeBuildStatusMapping.failed(status)).isEqualTo(failed);
    }
}
