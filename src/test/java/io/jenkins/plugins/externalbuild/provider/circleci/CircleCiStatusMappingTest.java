package io.jenkins.plugins.externalbuild.provider.circleci;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every workflow status of the API v2 OpenAPI enum, plus {@code queued} from the Workflows guide. */
class CircleCiStatusMappingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "success, SUCCESS",
            "running, RUNNING",
            "not_run, SKIPPED",
            "failed, FAILED",
            "error, FAILED",
            "failing, RUNNING",
            "on_hold, MANUAL",
            "canceled, CANCELED",
            "unauthorized, FAILED",
            "queued, QUEUED",
    })
    void everyDocumentedStatusIsMappedAndKeepsItsRawValue(String raw, State state) {
        BuildStatus status = CircleCiStatusMapping.map(raw);
        assertThat(status.state()).isEqualTo(state);
        assertThat(status.raw()).isEqualTo(raw);
    }

    @Test
    void onlyTheGuidesTerminalStatesAreTerminal() {
        for (String raw : new String[] {"success", "failed", "error", "canceled", "unauthorized", "not_run"}) {
            assertThat(CircleCiStatusMapping.map(raw).terminal()).as(raw).isTrue();
        }
        for (String raw : new String[] {"running", "failing", "on_hold", "queued"}) {
            assertThat(CircleCiStatusMapping.map(raw).terminal()).as(raw).isFalse();
        }
    }

    @Test
    void anUnknownStatusIsUnknownAndShownAsSent() {
        BuildStatus status = CircleCiStatusMapping.map("paused_by_magic");
        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.raw()).isEqualTo("paused_by_magic");
    }
}
