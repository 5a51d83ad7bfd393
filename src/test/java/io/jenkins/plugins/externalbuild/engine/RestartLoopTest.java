package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.FakeCi.Script;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.OnAbort;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.RetryOn;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The restart loop's phases against a fake CI: waiting, restarting once and again with delay and backoff, ending
 * when the attempts are used up, ending right after the restart without waiting, a refused restart, the timeout.
 */
class RestartLoopTest extends RestartLoopHarness {

    @Test
    void waitsForABuildToEndWithOneLinePerStatusChangeNotPerPoll() {
        FakeCi ci = new FakeCi(clock::now, false);
        BuildRef ref = ci.existing("7", Script.succeeds(120), 0);
        Recorder r = new Recorder();

        loop.start(RestartState.forWait(ref, T0, WAIT), RestartPolicy.waitOnly(OnAbort.LEAVE), WAIT, ci, r);
        clock.runUntilIdle();

        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.SUCCEEDED);
        assertThat(r.lines).containsExactly("status 7 RUNNING", "status 7 SUCCESS");
        assertThat(ci.statusReads).isGreaterThan(3);
        assertThat(ci.restartsSent).isEmpty();
        assertThat(r.outcome().attempt().number()).isEqualTo(1);
    }

    @Test
    void restartsOnceAndFollowsTheNewAttempt() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.succeeds(40));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();

        loop.start(RestartState.forRestart(ref, T0, WAIT), policy(1, 0, 1, RetryOn.FAILURE), WAIT, ci, r);
        clock.runUntilIdle();

        RestartOutcome outcome = r.outcome();
        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.SUCCEEDED);
        assertThat(outcome.attempt().number()).isEqualTo(2);
        assertThat(outcome.attempt().ref().id()).isEqualTo("b101");
        assertThat(outcome.state().waitState().previousIds()).containsExactly("7");
        assertThat(r.lines).containsExactly("status 7 FAILED", "restarted 7 -> b101 #2", "status b101 RUNNING",
                "status b101 SUCCESS");
        assertThat(ci.restartTimes).containsExactly(T0);
    }

    @Test
    void restartsAgainWhileItKeepsFailingWithDelayAndBackoff() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.fails(20), Script.fails(20), Script.succeeds(20));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();

        loop.start(RestartState.forRestart(ref, T0, WAIT), policy(3, 30, 2.0, RetryOn.FAILURE), WAIT, ci, r);
        clock.runUntilIdle();

        RestartOutcome outcome = r.outcome();
        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.SUCCEEDED);
        assertThat(outcome.attempt().number()).isEqualTo(4);
        assertThat(outcome.state().restarts()).isEqualTo(3);
        assertThat(outcome.state().waitState().previousIds()).containsExactly("7", "b101", "b102");
        assertThat(r.lines).contains("restart in 30s", "restart in 60s");
        // The second restart comes 30 s after the first restart's failure was seen, the third 60 s after the second's.
        Duration gap2 = Duration.between(ci.restartTimes.get(0), ci.restartTimes.get(1));
        Duration gap3 = Duration.between(ci.restartTimes.get(1), ci.restartTimes.get(2));
        assertThat(gap2).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(50 + 30));
        assertThat(gap3.minus(gap2)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void endsFailedWithTheFailedJobsWhenTheAttemptsAreUsedUp() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.fails(20), Script.fails(20));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();

        loop.start(RestartState.forRestart(ref, T0, WAIT), policy(2, 0, 1, RetryOn.FAILURE), WAIT, ci, r);
        clock.runUntilIdle();

        RestartOutcome outcome = r.outcome();
        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.FAILED);
        assertThat(ci.restartsSent).hasSize(2);
        assertThat(outcome.failedJobs()).containsExactly("rspec");
        assertThat(outcome.message()).contains("no restart left (2 of 2 done)");
    }

    @Test
    void withoutWaitingItEndsRightAfterTheRestart() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.succeeds(20));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();
        RestartPolicy noWait = new RestartPolicy(RestartMode.FAILED, 1, Duration.ZERO, 1, RetryOn.FAILURE, false,
                OnAbort.CANCEL);

        loop.start(RestartState.forRestart(ref, T0, WAIT), noWait, WAIT, ci, r);
        clock.runUntilIdle();

        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.RESTARTED);
        assertThat(r.outcome().attempt().ref().id()).isEqualTo("b101");
        assertThat(ci.statusReads).isEqualTo(1);
    }

    @Test
    void aRefusedRestartEndsWithTheProvidersClassifiedError() {
        FakeCi ci = new FakeCi(clock::now, false);
        ci.restartFailure = new FakeCi.Refused(FailureKind.NOT_RESTARTABLE, "pipeline 7 is running; nothing to retry");
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();

        loop.start(RestartState.forRestart(ref, T0, WAIT), policy(1, 0, 1, RetryOn.FAILURE), WAIT, ci, r);
        clock.runUntilIdle();

        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.ERROR);
        assertThat(r.outcome().failure()).isEqualTo(FailureKind.NOT_RESTARTABLE);
        assertThat(r.outcome().message()).isEqualTo("could not restart " + ref.url() + ": pipeline 7 is running; nothing to retry");
    }

    @Test
    void theTimeoutCoversTheDelayBetweenRestarts() {
        WaitPolicy shortWait = WAIT.withTimeout(Duration.ofMinutes(2));
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.fails(20));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();

        loop.start(RestartState.forRestart(ref, T0, shortWait), policy(3, 300, 1, RetryOn.FAILURE), shortWait, ci, r);
        clock.runUntilIdle();

        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.TIMED_OUT);
        assertThat(ci.restartsSent).hasSize(1);
        assertThat(Duration.between(T0, clock.now())).isLessThan(Duration.ofMinutes(2));
    }
}
