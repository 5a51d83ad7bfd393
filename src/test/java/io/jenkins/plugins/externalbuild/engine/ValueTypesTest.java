package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small engine values: {@link BuildRef}, {@link BuildStatus}, {@link Attempt}, {@link RestartMode}, {@link FailureKind}. */
class ValueTypesTest {

    private final BuildRef job = new BuildRef("gitlab", "job", "https://gitlab.example.com", "group/app", "8",
            "https://gitlab.example.com/group/app/-/jobs/8");

    @Test
    void aBuildRefDescribesItselfInOneShortLine() {
        assertThat(job.describe()).isEqualTo("gitlab job 8 (group/app)");
    }

    @Test
    void withIdKeepsTheCoordinatesAndChangesOnlyIdAndUrl() {
        BuildRef retried = job.withId("9", "https://gitlab.example.com/group/app/-/jobs/9");

        assertThat(retried).isEqualTo(new BuildRef("gitlab", "job", "https://gitlab.example.com", "group/app", "9",
                "https://gitlab.example.com/group/app/-/jobs/9"));
    }

    @Test
    void aBuildRefNamesTheMissingOrBlankField() {
        assertThatThrownBy(() -> new BuildRef(null, "job", "s", "p", "1", "u"))
                .isInstanceOf(NullPointerException.class).hasMessage("provider");
        assertThatThrownBy(() -> new BuildRef("gitlab", "job", "s", "p", " ", "u"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("id is blank");
        assertThatThrownBy(() -> job.withId("9", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("url is blank");
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"SUCCESS", "FAILED", "CANCELED", "SKIPPED"})
    void finishedStatesAreTerminal(State state) {
        assertThat(BuildStatus.of(state, "x").terminal()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"QUEUED", "RUNNING", "MANUAL", "UNKNOWN"})
    void waitingRunningBlockedAndUnknownStatesAreNotTerminal(State state) {
        assertThat(BuildStatus.of(state, "x").terminal()).isFalse();
    }

    @Test
    void onlySuccessSucceeded() {
        assertThat(Arrays.stream(State.values()).filter(s -> BuildStatus.of(s, "").succeeded()))
                .containsExactly(State.SUCCESS);
    }

    @Test
    void aBuildStatusPrintsTheNormalizedStateThenTheRawValueWhenItDiffers() {
        assertThat(BuildStatus.of(State.RUNNING, "waiting_for_resource")).hasToString("running (waiting_for_resource)");
        assertThat(BuildStatus.of(State.FAILED, "FAILED")).hasToString("failed");
        assertThat(BuildStatus.of(State.QUEUED, null)).hasToString("queued");
    }

    @Test
    void aMissingRawStatusIsEmptyAndEqualToAnEmptyOne() {
        assertThat(BuildStatus.of(State.QUEUED, null).raw()).isEmpty();
        assertThat(BuildStatus.of(State.QUEUED, null)).isEqualTo(BuildStatus.of(State.QUEUED, ""));
        assertThatThrownBy(() -> BuildStatus.of(null, "x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theFirstAttemptIsNumberOneAndEachRestartCountsUp() {
        Attempt first = Attempt.first(job);
        BuildRef retried = job.withId("9", "https://gitlab.example.com/group/app/-/jobs/9");

        Attempt second = first.next(retried);
        Attempt third = second.next(retried);

        assertThat(first.number()).isEqualTo(1);
        assertThat(second).isEqualTo(new Attempt(retried, 2));
        assertThat(third.number()).isEqualTo(3);
    }

    @Test
    void anAttemptNeedsARefAndAPositiveNumber() {
        assertThatThrownBy(() -> new Attempt(job, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attempt number < 1: 0");
        assertThatThrownBy(() -> Attempt.first(null)).isInstanceOf(NullPointerException.class).hasMessage("ref");
    }

    @ParameterizedTest
    @ValueSource(strings = {"all", "ALL", " All "})
    void restartModesParseCaseInsensitivelyAndTrimmed(String value) {
        assertThat(RestartMode.parse(value)).isEqualTo(RestartMode.ALL);
    }

    @Test
    void restartModeIdsAreLowercaseAndParseBack() {
        for (RestartMode mode : RestartMode.values()) {
            assertThat(mode.id()).isEqualTo(mode.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(RestartMode.parse(mode.id())).isEqualTo(mode);
        }
    }

    @Test
    void anUnknownRestartModeListsTheValidOnes() {
        assertThatThrownBy(() -> RestartMode.parse("everything"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown restart mode 'everything': expected one of all, failed, job, replay");
        assertThatThrownBy(() -> RestartMode.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown restart mode 'null'");
    }

    @Test
    void onlyRateLimitsTransientFailuresAndBadResponsesAreRetried() {
        assertThat(Arrays.stream(FailureKind.values()).filter(FailureKind::retryable))
                .containsExactly(FailureKind.RATE_LIMITED, FailureKind.TRANSIENT, FailureKind.BAD_RESPONSE);
    }
}
