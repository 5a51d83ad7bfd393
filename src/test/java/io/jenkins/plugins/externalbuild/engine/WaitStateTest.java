package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.WaitState.PastAttempt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WaitStateTest {

    private static final Instant T0 = Instant.parse("2025-03-04T10:15:30Z");

    static BuildRef gitlabJob(long id) {
        return new BuildRef("gitlab", "job", "https://gitlab.example.com", "platform-team/payments/checkout-service",
                Long.toString(id), "https://gitlab.example.com/platform-team/payments/checkout-service/-/jobs/" + id);
    }

    private final WaitPolicy policy = WaitPolicy.defaults();

    private WaitState fresh() {
        return WaitState.start(Attempt.first(gitlabJob(4_812_345_678L)), List.of(), T0, policy, Duration.ofSeconds(2));
    }

    /** A wait on attempt 4 after three restarts, each of which created a new GitLab job. */
    private WaitState afterThreeRestarts() {
        WaitState state = fresh();
        long id = 4_812_345_678L;
        Instant now = T0;
        for (int i = 0; i < 3; i++) {
            now = now.plusSeconds(90);
            state = state.observed(BuildStatus.of(State.RUNNING, "running"), now);
            now = now.plusSeconds(300);
            state = state.observed(BuildStatus.of(State.FAILED, "failed"), now);
            id += 17;
            state = state.restarted(state.currentAttempt().next(gitlabJob(id)), now, Duration.ofSeconds(5));
        }
        return state.observed(BuildStatus.of(State.QUEUED, "waiting_for_resource"), now.plusSeconds(5))
                .scheduled(now.plusSeconds(10));
    }

    @Test
    void aStatusThatMovesTheRefMakesItsBuildTheAttemptAndKeepsTheMoveOutOfTheState() {
        BuildRef queued = new BuildRef("jenkins", "queued", "https://ci.example.com", "team/app", "57",
                "https://ci.example.com/queue/item/57/#job=team%2Fapp&from=41&next=43");
        BuildRef build = new BuildRef("jenkins", "build", "https://ci.example.com", "team/app", "43",
                "https://ci.example.com/job/team/job/app/43/");
        WaitState state = WaitState.start(new Attempt(queued, 2), List.of(), T0, policy, Duration.ofSeconds(2))
                .observed(BuildStatus.of(State.QUEUED, "buildable"), T0.plusSeconds(2));
        assertThat(state.ref()).isEqualTo(queued);

        WaitState moved = state.observed(new BuildStatus(State.RUNNING, "building", T0.plusSeconds(3).toEpochMilli(), null)
                .withExpected(120_000L).movedTo(build), T0.plusSeconds(4));

        assertThat(moved.ref()).isEqualTo(build);
        assertThat(moved.attempt()).isEqualTo(2);
        assertThat(moved.status().movedTo()).isNull();
        assertThat(moved.expectedMillis()).isEqualTo(120_000L);
        assertThat(moved.expectedEnd()).contains(T0.plusSeconds(3).plusSeconds(120));
        assertThat(WaitState.fromJson(moved.toJson())).isEqualTo(moved);
        assertThat(moved.toJson()).doesNotContain("queue/item");
    }

    @Test
    void aNewWaitStartsWithNoStatusAndEndsAtTheTimeout() {
        WaitState state = fresh();

        assertThat(state.status()).isNull();
        assertThat(state.attempt()).isEqualTo(1);
        assertThat(state.previous()).isEmpty();
        assertThat(state.seen()).isFalse();
        assertThat(state.startedAt()).isEqualTo(T0.toEpochMilli());
        assertThat(state.deadlineInstant()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(state.nextPollInstant()).isEqualTo(T0.plusSeconds(2));
        assertThat(state.currentAttempt()).isEqualTo(Attempt.first(gitlabJob(4_812_345_678L)));
    }

    @Test
    void aNegativeFirstPollDelayPollsAtOnce() {
        WaitState state = WaitState.start(Attempt.first(gitlabJob(1)), null, T0, policy, Duration.ofSeconds(-5));
        assertThat(state.nextPollInstant()).isEqualTo(T0);
        assertThat(state.previous()).isEmpty();
    }

    @Test
    void jsonRoundTripGivesAnEqualStateWithNoStatusYet() {
        WaitState state = fresh();

        String json = state.toJson();

        assertThat(json).contains("\"status\":null");
        assertThat(WaitState.fromJson(json)).isEqualTo(state);
    }

    @Test
    void jsonRoundTripKeepsPreviousAttemptsCountersAndTimes() {
        WaitState state = afterThreeRestarts().failed().failed();

        WaitState back = WaitState.fromJson(state.toJson());

        assertThat(back).isEqualTo(state);
        assertThat(back.previous()).hasSize(3);
        assertThat(back.previous().get(0).status()).isEqualTo(BuildStatus.of(State.FAILED, "failed"));
        assertThat(back.errors()).isEqualTo(2);
        assertThat(back.toJson()).isEqualTo(state.toJson());
    }

    @Test
    void jsonRoundTripKeepsAPreviousAttemptThatWasNeverSeen() {
        WaitState state = fresh().restarted(Attempt.first(gitlabJob(1)).next(gitlabJob(2)), T0, Duration.ZERO);

        WaitState back = WaitState.fromJson(state.toJson());

        assertThat(back).isEqualTo(state);
        assertThat(back.previous().get(0).status()).isNull();
    }

    @Test
    void theJsonOfARealisticGitLabWaitWithThreePreviousAttemptsStaysWithinOneKilobyte() {
        String json = afterThreeRestarts().toJson();
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;

        assertThat(bytes).as(json).isLessThanOrEqualTo(1024);
        assertThat(bytes).as("the test builds a realistic state, not an empty one").isGreaterThan(500);
    }

    @Test
    void unknownJsonFieldsAreIgnored() {
        WaitState state = afterThreeRestarts();
        String json = state.toJson();
        String withExtras = "{\"addedInALaterVersion\":{\"nested\":[1,2,3]},\"x\":true,"
                + json.substring(1, json.length() - 1)
                        .replace("\"previous\":[{", "\"previous\":[{\"futureField\":\"ignored\",")
                        .replace("\"raw\":\"waiting_for_resource\"", "\"raw\":\"waiting_for_resource\",\"extra\":1")
                + ",\"ref2\":null}";

        assertThat(withExtras).contains("futureField", "\"extra\":1");
        assertThat(WaitState.fromJson(withExtras)).isEqualTo(state);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "not json", "{", "[]", "42", "{\"ref\":\"gitlab\"}", "{\"attempt\":1}",
        "{\"ref\":{\"provider\":\"gitlab\"},\"attempt\":1}"})
    void garbageJsonIsAnIllegalArgument(String garbage) {
        assertThatThrownBy(() -> WaitState.fromJson(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a wait state");
    }

    @Test
    void jsonWithAnImpossibleAttemptNumberIsAnIllegalArgument() {
        String json = fresh().toJson().replace("\"attempt\":1", "\"attempt\":0");

        assertThatThrownBy(() -> WaitState.fromJson(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restartedMovesTheCurrentAttemptIntoPreviousAndResetsTheCounters() {
        WaitState running = fresh().observed(BuildStatus.of(State.UNKNOWN, "weird"), T0.plusSeconds(2)).failed();
        BuildRef retried = gitlabJob(4_812_345_699L);

        WaitState next = running.restarted(running.currentAttempt().next(retried), T0.plusSeconds(60),
                Duration.ofSeconds(3));

        assertThat(next.ref()).isEqualTo(retried);
        assertThat(next.attempt()).isEqualTo(2);
        assertThat(next.previous()).containsExactly(new PastAttempt("4812345678", 1,
                "https://gitlab.example.com/platform-team/payments/checkout-service/-/jobs/4812345678",
                BuildStatus.of(State.UNKNOWN, "weird")));
        assertThat(next.status()).isNull();
        assertThat(next.polls()).isZero();
        assertThat(next.errors()).isZero();
        assertThat(next.unknowns()).isZero();
        assertThat(next.seen()).isFalse();
        assertThat(next.startedAt()).as("the wait keeps its start").isEqualTo(running.startedAt());
        assertThat(next.deadline()).as("the wait keeps its deadline").isEqualTo(running.deadline());
        assertThat(next.nextPollInstant()).isEqualTo(T0.plusSeconds(63));
    }

    @Test
    void previousIdsListsDistinctEarlierIdsOnlyOldestFirst() {
        BuildRef run = new BuildRef("github", "run", "https://github.com", "o/r", "100",
                "https://github.com/o/r/actions/runs/100");
        WaitState state = WaitState.start(Attempt.first(run), List.of(), T0, policy, Duration.ZERO);
        // GitHub re-runs keep the id: attempts 1 and 2 of run 100, then a new run 200 (twice), then 300.
        state = state.restarted(state.currentAttempt().next(run), T0, Duration.ZERO);
        state = state.restarted(state.currentAttempt().next(run.withId("200", "https://github.com/o/r/actions/runs/200")),
                T0, Duration.ZERO);
        state = state.restarted(state.currentAttempt().next(run.withId("200", "https://github.com/o/r/actions/runs/200")),
                T0, Duration.ZERO);
        state = state.restarted(state.currentAttempt().next(run.withId("300", "https://github.com/o/r/actions/runs/300")),
                T0, Duration.ZERO);

        assertThat(state.previous()).extracting(PastAttempt::id).containsExactly("100", "100", "200", "200");
        assertThat(state.previous()).extracting(PastAttempt::number).containsExactly(1, 2, 3, 4);
        assertThat(state.attempt()).isEqualTo(5);
        assertThat(state.previousIds()).containsExactly("100", "200");
    }

    @Test
    void previousIdsLeavesOutTheCurrentId() {
        WaitState state = fresh();
        state = state.restarted(state.currentAttempt().next(state.ref()), T0, Duration.ZERO);

        assertThat(state.previous()).hasSize(1);
        assertThat(state.previousIds()).isEmpty();
    }

    @Test
    void observedCountsPollsResetsErrorsAndTracksUnknownsInARow() {
        BuildStatus unknown = BuildStatus.of(State.UNKNOWN, "preparing_magic");
        WaitState state = fresh().failed().failed();
        assertThat(state.errors()).isEqualTo(2);
        assertThat(state.seen()).isFalse();

        state = state.observed(unknown, T0.plusSeconds(5));
        assertThat(state.errors()).isZero();
        assertThat(state.unknowns()).isEqualTo(1);
        assertThat(state.seen()).isTrue();
        state = state.failed().observed(unknown, T0.plusSeconds(10));
        assertThat(state.unknowns()).as("a failed poll between unknowns does not reset the run").isEqualTo(2);
        state = state.observed(BuildStatus.of(State.RUNNING, "running"), T0.plusSeconds(15));
        assertThat(state.unknowns()).isZero();
        assertThat(state.polls()).isEqualTo(6);
    }

    @Test
    void lastChangeAtMovesOnlyWhenTheStatusChangesRawValueIncluded() {
        WaitState state = fresh().observed(BuildStatus.of(State.QUEUED, "pending"), T0.plusSeconds(5));
        assertThat(state.lastChangeAt()).isEqualTo(T0.plusSeconds(5).toEpochMilli());

        state = state.observed(BuildStatus.of(State.QUEUED, "pending"), T0.plusSeconds(10));
        assertThat(state.lastChangeAt()).isEqualTo(T0.plusSeconds(5).toEpochMilli());
        assertThat(state.changes(BuildStatus.of(State.QUEUED, "pending"))).isFalse();
        assertThat(state.changes(BuildStatus.of(State.QUEUED, "waiting_for_resource"))).isTrue();

        state = state.observed(BuildStatus.of(State.QUEUED, "waiting_for_resource"), T0.plusSeconds(15));
        assertThat(state.lastChangeAt()).isEqualTo(T0.plusSeconds(15).toEpochMilli());
    }

    @Test
    void previousIsCopiedIn() {
        List<PastAttempt> chain = new ArrayList<>();
        chain.add(new PastAttempt("1", 1, "https://x/1", null));
        WaitState state = WaitState.start(new Attempt(gitlabJob(2), 2), chain, T0, policy, Duration.ZERO);

        chain.clear();

        assertThat(state.previous()).hasSize(1);
        assertThatThrownBy(() -> state.previous().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
