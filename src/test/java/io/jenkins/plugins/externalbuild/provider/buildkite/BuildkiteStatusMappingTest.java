package io.jenkins.plugins.externalbuild.provider.buildkite;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every build state of buildkite/docs pages/pipelines/_build_states.md (11 values) and the two more of the build data
 * model in pages/apis/rest_api/builds.md.
 */
class BuildkiteStatusMappingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "creating, QUEUED",
            "scheduled, QUEUED",
            "waiting, QUEUED",
            "running, RUNNING",
            "failing, RUNNING",
            "canceling, RUNNING",
            "blocked, MANUAL",
            "passed, SUCCESS",
            "failed, FAILED",
            "waiting_failed, FAILED",
            "canceled, CANCELED",
            "skipped, SKIPPED",
            "not_run, SKIPPED",
    })
    void everyDocumentedStateIsMappedAndKeepsItsRawValue(String raw, State state) {
        BuildStatus status = BuildkiteStatusMapping.map(raw);
        assertThat(status.state()).isEqualTo(state);
        assertThat(status.raw()).isEqualTo(raw);
    }

    @Test
    void aBlockedBuildWaitsForAPersonAndIsNotTerminal() {
        assertThat(BuildkiteStatusMapping.map("blocked").terminal()).isFalse();
    }

    @Test
    void aFailingBuildIsStillRunning() {
        assertThat(BuildkiteStatusMapping.map("failing").terminal()).isFalse();
    }

    @Test
    void theFinishedQueryShortcutAndUnknownStatesAreUnknown() {
        assertThat(BuildkiteStatusMapping.map("finished").state()).isEqualTo(State.UNKNOWN);
        assertThat(BuildkiteStatusMapping.map("paused").raw()).isEqualTo("paused");
        assertThat(BuildkiteStatusMapping.map(null)).isEqualTo(BuildStatus.of(State.UNKNOWN, ""));
    }
}
