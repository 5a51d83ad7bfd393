package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.FakeCi.Script;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.RetryOn;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which failures are restarted: retryOn 'transient' restarts transient failures only, never a canceled attempt. */
class RestartLoopClassificationTest extends RestartLoopHarness {

    @Test
    void retryOnTransientRestartsTransientFailuresOnly() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.fails(20, FailureCause.TRANSIENT),
                Script.fails(20, FailureCause.PERMANENT));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();

        loop.start(RestartState.forRestart(ref, T0, WAIT), policy(5, 0, 1, RetryOn.TRANSIENT), WAIT, ci, r);
        clock.runUntilIdle();

        RestartOutcome outcome = r.outcome();
        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.FAILED);
        assertThat(ci.restartsSent).containsExactly("7", "b101");
        assertThat(outcome.message()).contains("not restarted: the failure is permanent, and retryOn is 'transient'");
    }

    @Test
    void retryOnTransientTreatsAnUnclassifiedFailureAsReal() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.fails(20, FailureCause.UNCLASSIFIED));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();

        loop.start(RestartState.forRestart(ref, T0, WAIT), policy(5, 0, 1, RetryOn.TRANSIENT), WAIT, ci, r);
        clock.runUntilIdle();

        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.FAILED);
        assertThat(ci.restartsSent).containsExactly("7");
        assertThat(r.outcome().message()).contains("the failure is unclassified");
    }

    @Test
    void aCanceledAttemptIsNotRestartedAgain() {
        FakeCi ci = new FakeCi(clock::now, false)
                .thenRestarts(new Script(Duration.ofSeconds(20), BuildStatus.State.CANCELED, null));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        Recorder r = new Recorder();

        loop.start(RestartState.forRestart(ref, T0, WAIT), policy(3, 0, 1, RetryOn.FAILURE), WAIT, ci, r);
        clock.runUntilIdle();

        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.FAILED);
        assertThat(r.outcome().message()).contains("not restarted: it ended canceled, not failed");
        assertThat(ci.restartsSent).hasSize(1);
    }
}
