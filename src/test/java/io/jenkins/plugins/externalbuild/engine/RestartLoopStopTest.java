package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.FakeCi.Script;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.OnAbort;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.RetryOn;
import org.junit.jupiter.api.Test;

/** Stopping the loop: what happens to the remote build depends on the phase and on onAbort. */
class RestartLoopStopTest extends RestartLoopHarness {

    @Test
    void stoppingWhileWaitingCancelsTheRemoteBuild() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.succeeds(600));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();
        RestartLoop.Handle h = loop.start(RestartState.forRestart(ref, T0, WAIT), policy(1, 0, 1, RetryOn.FAILURE), WAIT, ci, r);
        runUntil(() -> r.lines.contains("status b101 RUNNING"));

        h.stop();
        h.stop();
        clock.runUntilIdle();

        assertThat(ci.cancels).containsExactly("b101");
        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.CANCELLED);
        assertThat(r.outcome().message()).isEqualTo("stopped; cancelled " + FakeCi.ref("b101").url());
        assertThat(r.outcome().afterStop()).isEqualTo(RestartOutcome.AfterStop.CANCELLED);
        assertThat(clock.idle()).isTrue();
    }

    @Test
    void onAbortLeaveLeavesTheRemoteBuildRunning() {
        FakeCi ci = new FakeCi(clock::now, false);
        BuildRef ref = ci.existing("7", Script.succeeds(600), 0);
        Recorder r = new Recorder();
        RestartLoop.Handle h = loop.start(RestartState.forWait(ref, T0, WAIT), RestartPolicy.waitOnly(OnAbort.LEAVE), WAIT, ci, r);
        runUntil(() -> r.lines.contains("status 7 RUNNING"));

        h.stop();
        clock.runUntilIdle();

        assertThat(ci.cancels).isEmpty();
        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.CANCELLED);
        assertThat(r.outcome().message()).contains("left " + ref.url() + " running (onAbort: leave)");
        assertThat(r.outcome().afterStop()).isEqualTo(RestartOutcome.AfterStop.LEFT_RUNNING);
    }

    @Test
    void stoppingWhileTheRestartIsInFlightCancelsTheNewAttempt() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.succeeds(600));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();
        RestartLoop.Handle[] h = new RestartLoop.Handle[1];
        ci.duringRestart = () -> h[0].stop();
        h[0] = loop.start(RestartState.forRestart(ref, T0, WAIT), policy(1, 0, 1, RetryOn.FAILURE), WAIT, ci, r);

        clock.runUntilIdle();

        assertThat(ci.restartsSent).containsExactly("7");
        assertThat(ci.cancels).containsExactly("b101");
        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.CANCELLED);
        assertThat(r.outcome().message()).contains("stopped while restarting; cancelled");
        assertThat(r.outcome().afterStop()).isEqualTo(RestartOutcome.AfterStop.CANCELLED);
    }

    @Test
    void stoppingBetweenAttemptsCancelsNothing() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.fails(20), Script.succeeds(20));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();
        RestartLoop.Handle h = loop.start(RestartState.forRestart(ref, T0, WAIT), policy(2, 600, 1, RetryOn.FAILURE), WAIT, ci, r);
        runUntil(() -> h.state().phase() == RestartState.Phase.RESTART_DUE && h.state().restarts() == 1);

        h.stop();
        clock.runUntilIdle();

        assertThat(ci.cancels).isEmpty();
        assertThat(ci.restartsSent).hasSize(1);
        assertThat(r.outcome().afterStop()).as("nothing of ours was running").isNull();
        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.CANCELLED);
    }

    private void runUntil(java.util.function.BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            assertThat(clock.step()).as("still running").isTrue();
        }
    }
}
