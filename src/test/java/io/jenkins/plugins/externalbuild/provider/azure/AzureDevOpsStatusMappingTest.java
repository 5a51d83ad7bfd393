package io.jenkins.plugins.externalbuild.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every documented status and result (build.json 7.1, BuildStatus and BuildResult enums) against the table. */
class AzureDevOpsStatusMappingTest {

    @ParameterizedTest(name = "{0}/{1} is {2}")
    @CsvSource(nullValues = "null", value = {
            "notStarted, null, QUEUED",
            "postponed, null, QUEUED",
            "inProgress, null, RUNNING",
            "inProgress, none, RUNNING",
            "cancelling, null, RUNNING",
            "cancelling, canceled, RUNNING",
            "none, null, UNKNOWN",
            "null, null, UNKNOWN",
            "all, null, UNKNOWN",
            "completed, succeeded, SUCCESS",
            "completed, partiallySucceeded, FAILED",
            "completed, failed, FAILED",
            "completed, canceled, CANCELED",
            "completed, none, UNKNOWN",
            "completed, null, UNKNOWN",
            "completed, somethingNew, UNKNOWN",
            "COMPLETED, FAILED, FAILED"})
    void everyDocumentedStatusAndResultMaps(String status, String result, State expected) {
        BuildStatus mapped = AzureDevOpsStatusMapping.map(status, result);
        assertThat(mapped.state()).isEqualTo(expected);
        assertThat(mapped.raw()).isEqualTo((status == null ? "none" : status) + "/" + (result == null ? "none" : result));
    }
}
