package io.jenkins.plugins.externalbuild.provider.buildbot;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.buildbot.BuildbotDtos.Build;
import io.jenkins.plugins.externalbuild.provider.buildbot.BuildbotDtos.BuildRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The table in {@link BuildbotStatusMapping}'s Javadoc, from Buildbot's {@code buildbot/process/results.py}. */
class BuildbotStatusMappingTest {

    @ParameterizedTest(name = "results {0} ({1}) is {2}")
    @CsvSource({
        "0, success, SUCCESS",
        "1, warnings, SUCCESS",
        "2, failure, FAILED",
        "3, skipped, SKIPPED",
        "4, exception, FAILED",
        "5, retry, QUEUED",
        "6, cancelled, CANCELED",
        "7, results 7, UNKNOWN",
        "-1, results -1, UNKNOWN"})
    void everyResultsCodeOfACompleteBuildMapsAsDocumented(int code, String raw, State state) {
        Build build = new Build(1L, 1L, 1L, 1L, true, code, "x", null, null);

        assertThat(BuildbotStatusMapping.of(build).state()).isEqualTo(state);
        assertThat(BuildbotStatusMapping.of(build).raw()).isEqualTo(raw);
    }

    @Test
    void warningsCountAsSuccessBecauseBuildbotCallsThemASuccessfulRun() {
        assertThat(BuildbotStatusMapping.map("warnings").succeeded()).isTrue();
    }

    @Test
    void retryIsNotTerminalSinceTheRequestGetsAnotherBuild() {
        assertThat(BuildbotStatusMapping.map("retry").terminal()).isFalse();
    }

    @Test
    void incompleteBuildIsRunningWhateverItsResultsSay() {
        assertThat(BuildbotStatusMapping.of(new Build(1L, 1L, 1L, 1L, false, null, "building", null, null)).state())
                .isEqualTo(State.RUNNING);
    }

    @Test
    void incompleteRequestIsQueuedAndACompleteOneTakesItsResults() {
        assertThat(BuildbotStatusMapping.of(new BuildRequest(2L, 3L, false, false, -1)).state()).isEqualTo(State.QUEUED);
        assertThat(BuildbotStatusMapping.of(new BuildRequest(2L, 3L, true, true, 6)).state()).isEqualTo(State.CANCELED);
    }
}
