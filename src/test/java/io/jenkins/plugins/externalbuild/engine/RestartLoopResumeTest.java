package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.FakeCi.Script;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.OnAbort;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.RetryOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A loop resumed from its saved JSON ends as the uninterrupted one would, never sends a restart twice, reports an
 * ended loop's outcome again, and saves a small state.
 */
class RestartLoopResumeTest extends RestartLoopHarness {

    /**
     * Simulates a controller restart after every step of an uninterrupted run: the loop is dropped, a new one
     * resumes from the last saved JSON against the same remote world, and it must end the same way, with no
     * restart sent twice.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void resumingAfterAnyStepEndsTheSameWayWithoutDuplicateRestarts(boolean sameId) {
        Scenario reference = new Scenario(sameId);
        reference.start();
        int steps = reference.clock.runUntilIdle();
        RestartOutcome expected = reference.recorder.outcome();
        assertThat(expected.result()).isEqualTo(RestartOutcome.Result.SUCCEEDED);

        for (int crashAfter = 0; crashAfter <= steps; crashAfter++) {
            Scenario s = new Scenario(sameId);
            s.start();
            for (int i = 0; i < crashAfter; i++) {
                s.clock.step();
            }
            if (!s.recorder.outcomes.isEmpty()) {
                continue; // ended before this point
            }
            // Before its first save the owner holds the initial state it started the loop with.
            String saved = s.recorder.saves.isEmpty() ? s.initial.toJson()
                    : s.recorder.saves.get(s.recorder.saves.size() - 1);
            ManualScheduler after = new ManualScheduler(s.clock.now());
            Recorder resumed = new Recorder();
            new RestartLoop(after, after.io(), () -> 0.5).start(RestartState.fromJson(saved), s.policy, WAIT,
                    s.ci.on(after), resumed);
            after.runUntilIdle();

            RestartOutcome got = resumed.outcome();
            assertThat(got.result()).as("crash after step %d", crashAfter).isEqualTo(expected.result());
            assertThat(got.attempt()).as("crash after step %d", crashAfter).isEqualTo(expected.attempt());
            assertThat(got.state().waitState().previousIds()).isEqualTo(expected.state().waitState().previousIds());
            assertThat(s.ci.restartsSent).as("restarts sent, crash after step %d", crashAfter)
                    .isEqualTo(reference.ci.restartsSent);
        }
    }

    @Test
    void resumedWhileRestartingItNeverSendsTheRestartAgain() {
        FakeCi ci = new FakeCi(clock::now, false);
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        RestartState interrupted = RestartState.forRestart(ref, T0, WAIT).restartDue(T0).restarting();
        Recorder r = new Recorder();

        loop.start(RestartState.fromJson(interrupted.toJson()), policy(3, 0, 1, RetryOn.FAILURE), WAIT, ci, r);
        clock.runUntilIdle();

        assertThat(ci.restartsSent).isEmpty();
        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.ERROR);
        assertThat(r.outcome().message()).contains("is not sent twice").contains(ref.url());
    }

    @Test
    void resumedWhileRestartingItGoesOnWaitingWhenTheRestartTook() {
        FakeCi ci = new FakeCi(clock::now, true);
        BuildRef ref = ci.existing("7", Script.succeeds(60), 0); // the same-id retry was received: running again
        RestartState interrupted = RestartState.forRestart(ref, T0, WAIT).restartDue(T0).restarting();
        Recorder r = new Recorder();

        loop.start(interrupted, policy(3, 0, 1, RetryOn.FAILURE), WAIT, ci, r);
        clock.runUntilIdle();

        assertThat(ci.restartsSent).isEmpty();
        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.SUCCEEDED);
        assertThat(r.outcome().attempt().number()).isEqualTo(2);
    }

    @Test
    void resumedAfterItEndedReportsTheRecordedOutcomeAgain() {
        FakeCi ci = new FakeCi(clock::now, false);
        BuildRef ref = ci.existing("7", Script.succeeds(10), 600);
        Recorder first = new Recorder();
        loop.start(RestartState.forWait(ref, T0, WAIT), RestartPolicy.waitOnly(OnAbort.LEAVE), WAIT, ci, first);
        clock.runUntilIdle();
        String last = first.saves.get(first.saves.size() - 1);

        Recorder again = new Recorder();
        int reads = ci.statusReads;
        loop.start(RestartState.fromJson(last), RestartPolicy.waitOnly(OnAbort.LEAVE), WAIT, ci, again);
        clock.runUntilIdle();

        assertThat(again.outcome().result()).isEqualTo(first.outcome().result());
        assertThat(again.outcome().message()).isEqualTo(first.outcome().message());
        assertThat(ci.statusReads).isEqualTo(reads);
    }

    @Test
    void theSavedStateStaysSmallAfterSeveralRestarts() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.fails(20), Script.fails(20), Script.fails(20));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();

        loop.start(RestartState.forRestart(ref, T0, WAIT), policy(3, 0, 1, RetryOn.FAILURE), WAIT, ci, r);
        clock.runUntilIdle();

        String last = r.saves.get(r.saves.size() - 1);
        assertThat(last.length()).isLessThan(2048);
        assertThat(RestartState.fromJson(last)).isEqualTo(r.outcome().state());
    }

    /** The same restart-twice scenario, built afresh for each simulated crash. */
    private static final class Scenario {
        final ManualScheduler clock = new ManualScheduler(T0);
        final FakeCi ci;
        final Recorder recorder = new Recorder();
        final RestartPolicy policy = policy(3, 30, 2.0, RetryOn.FAILURE);
        final BuildRef ref;
        final RestartState initial;

        Scenario(boolean sameId) {
            ci = new FakeCi(() -> clock.now(), sameId).thenRestarts(Script.fails(20), Script.succeeds(40));
            ref = ci.existing("7", Script.fails(10), 600);
            initial = RestartState.forRestart(ref, T0, WAIT);
        }

        void start() {
            new RestartLoop(clock, clock.io(), () -> 0.5).start(initial, policy, WAIT, ci, recorder);
        }
    }
}
