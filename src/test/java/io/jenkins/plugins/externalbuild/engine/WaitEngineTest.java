package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome.Result;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One wait on one build, on a fake clock: how its statuses end the wait, and a ref that becomes another build.
 * Timeouts, failed polls, cancel and saves are in the {@code WaitEngine*Test} classes beside it.
 */
class WaitEngineTest extends WaitEngineHarness {

    // --- a ref that becomes another build ------------------------------------------------------------------------

    @Test
    void aWaitFollowsTheBuildItsQueuedRefBecameAndPollsThatBuildFromThenOn() {
        BuildRef build = new BuildRef("gitlab", "job", "https://gitlab.example.com", "g/app", "9",
                "https://gitlab.example.com/g/app/-/jobs/9");
        List<BuildRef> asked = new ArrayList<>();
        Deque<BuildStatus> answers = new ArrayDeque<>(List.of(QUEUED, RUNNING.movedTo(build), RUNNING, SUCCESS));
        WaitState state = WaitState.start(Attempt.first(REF), List.of(), scheduler.now(), policy, Duration.ZERO);
        new WaitEngine(scheduler, io, () -> 0.5).start(state, policy, ref -> {
            asked.add(ref);
            return answers.poll();
        }, listener);
        scheduler.runUntilIdle();

        WaitOutcome outcome = onlyOutcome();
        assertThat(asked).containsExactly(REF, REF, build, build);
        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.state().ref()).isEqualTo(build);
        assertThat(outcome.message()).isEqualTo("https://gitlab.example.com/g/app/-/jobs/9 ended success");
        assertThat(listener.changes).extracting(Change::current).containsExactly(QUEUED, RUNNING, SUCCESS);
    }

    // --- terminal statuses -------------------------------------------------------------------------------------

    @Test
    void aBuildThatSucceedsEndsSucceededWithOneStatusChangePerChangeNotPerPoll() {
        ScriptedReader reader = script(QUEUED, QUEUED, RUNNING, RUNNING, RUNNING, SUCCESS);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.message()).isEqualTo("https://gitlab.example.com/g/app/-/jobs/8 ended success");
        assertThat(outcome.state().status()).isEqualTo(SUCCESS);
        assertThat(outcome.state().polls()).isEqualTo(6);
        assertThat(listener.changes).containsExactly(new Change(null, QUEUED), new Change(QUEUED, RUNNING),
                new Change(RUNNING, SUCCESS));
        assertThat(reader.count()).isEqualTo(6);
        assertThat(reader.polls.get(0)).as("first poll at the start state's nextPollAt").isEqualTo(T0);
        assertThat(gaps(reader.polls)).as("exponential backoff up to the cap").containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(8));
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void aChangeOfRawStatusWithinTheSameStateIsAChange() {
        runToEnd(script(QUEUED, BuildStatus.of(State.QUEUED, "waiting_for_resource"), SUCCESS));

        assertThat(listener.changes).hasSize(3);
    }

    @Test
    void theFirstPollWaitsForTheStartStatesDelay() {
        WaitState state = WaitState.start(Attempt.first(REF), List.of(), T0, policy, Duration.ofSeconds(7));
        ScriptedReader reader = script(SUCCESS);

        new WaitEngine(scheduler, io, () -> 0.5).start(state, policy, reader, listener);
        scheduler.runUntilIdle();

        assertThat(reader.polls).containsExactly(T0.plusSeconds(7));
        assertThat(scheduler.delays().get(0)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aFailedBuildEndsFailed() {
        WaitOutcome outcome = runToEnd(script(RUNNING, FAILED));

        assertThat(outcome.result()).isEqualTo(Result.FAILED);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.message()).endsWith("ended failed");
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"CANCELED", "SKIPPED"})
    void everyOtherTerminalStatusEndsFailedToo(State state) {
        WaitOutcome outcome = runToEnd(script(RUNNING, BuildStatus.of(state, "x")));

        assertThat(outcome.result()).isEqualTo(Result.FAILED);
    }

    @Test
    void aManualBuildEndsBlockedWhenThePolicyStopsOnManual() {
        WaitOutcome outcome = runToEnd(script(QUEUED, MANUAL));

        assertThat(outcome.result()).isEqualTo(Result.BLOCKED);
        assertThat(outcome.message()).contains("waits for a manual action (manual)");
        assertThat(listener.changes).hasSize(2);
    }

    @Test
    void aManualBuildIsWaitedOnWhenThePolicyDoesNotStopOnManual() {
        policy = POLICY.withStopOnManual(false);
        ScriptedReader reader = script(MANUAL, MANUAL, MANUAL, MANUAL, RUNNING, SUCCESS);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(reader.count()).isEqualTo(6);
    }
}
