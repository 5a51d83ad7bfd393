package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.FakeCi.Refused;
import io.jenkins.plugins.externalbuild.engine.FakeCi.RefusedBeforeChange;
import io.jenkins.plugins.externalbuild.engine.FakeCi.Script;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.OnAbort;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.RetryOn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restart does not give up on one transient failure of its reads: the read before the restart, and the reads a
 * provider makes inside the restart before its request, are tried again within the timeout as a wait's polls are;
 * the restart request itself is never sent twice.
 */
class RestartLoopRetryTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final WaitPolicy WAIT = new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), 1.5, 0.0,
            Duration.ofMinutes(10), 3, 5, true);

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final RestartLoop loop = new RestartLoop(clock, clock.io(), () -> 0.5);
    private final List<String> retries = new ArrayList<>();

    private final class Recorder extends RestartLoopHarness.Recorder {
        @Override
        public void retrying(RestartState state, FailureKind kind, String message, Duration delay) {
            retries.add(kind + " " + delay.toSeconds() + "s");
        }
    }

    private static RestartPolicy once() {
        return new RestartPolicy(RestartMode.FAILED, 1, Duration.ZERO, 1.0, RetryOn.FAILURE, false, OnAbort.LEAVE);
    }

    private RestartOutcome run(FakeCi ci, BuildRef ref) {
        return run(ci, RestartState.forRestart(ref, T0, WAIT));
    }

    private RestartOutcome run(FakeCi ci, RestartState from) {
        Recorder r = new Recorder();
        loop.start(from, once(), WAIT, ci, r);
        clock.runUntilIdle();
        return r.outcome();
    }

    @Test
    void theReadBeforeTheRestartIsTriedAgainAfterA500() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.succeeds(40));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        ci.statusFailures.add(new Refused(FailureKind.TRANSIENT, "answered 500"));

        RestartOutcome outcome = run(ci, ref);

        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.RESTARTED);
        assertThat(ci.restartsSent).containsExactly("7");
        assertThat(ci.statusReads).isEqualTo(2);
        assertThat(retries).containsExactly("TRANSIENT 5s");
    }

    @Test
    void aRateLimitedReadWaitsTheRetryAfterItWasGiven() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.succeeds(40));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        ci.statusFailures.add(new RefusedBeforeChange(FailureKind.RATE_LIMITED, "answered 429", Duration.ofSeconds(12)));

        RestartOutcome outcome = run(ci, ref);

        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.RESTARTED);
        assertThat(ci.restartTimes).containsExactly(T0.plusSeconds(12));
    }

    @Test
    void aRestartThatFailedInItsReadsBeforeSendingIsTriedAgain() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.succeeds(40));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        ci.restartFailures.add(new RefusedBeforeChange(FailureKind.BAD_RESPONSE, "garbled 200", null));
        ci.restartFailures.add(new RefusedBeforeChange(FailureKind.RATE_LIMITED, "answered 429", Duration.ofSeconds(2)));

        RestartOutcome outcome = run(ci, ref);

        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.RESTARTED);
        assertThat(ci.restartsSent).containsExactly("7");
        // 5 s (first poll x 1.5^0 after the first read), then 7.5 s: the policy's backoff, not undercut by Retry-After 2.
        assertThat(ci.restartTimes).containsExactly(T0.plusMillis(5_000 + 7_500));
        assertThat(retries).containsExactly("BAD_RESPONSE 5s", "RATE_LIMITED 7s");
    }

    @Test
    void aRestartRequestThatFailedIsNeverSentAgain() {
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.succeeds(40));
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        List<Integer> calls = new ArrayList<>();
        ci.duringRestart = () -> calls.add(1);
        ci.restartFailures.add(new Refused(FailureKind.TRANSIENT, "the restart answered 500"));

        RestartOutcome outcome = run(ci, ref);

        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.ERROR);
        assertThat(outcome.message()).contains("the restart answered 500");
        assertThat(calls).hasSize(1);
        assertThat(retries).isEmpty();
    }

    @Test
    void failuresThatWillNotPassEndTheLoopAtOnce() {
        FakeCi ci = new FakeCi(clock::now, false);
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        ci.statusFailures.add(new Refused(FailureKind.AUTH, "answered 401"));

        RestartOutcome outcome = run(ci, ref);

        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.AUTH);
        assertThat(ci.statusReads).isEqualTo(1);
    }

    @Test
    void readsAreTriedAtMostMaxErrorsTimesInARowThenTheLoopEnds() {
        FakeCi ci = new FakeCi(clock::now, false);
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        for (int i = 0; i < 10; i++) {
            ci.statusFailures.add(new Refused(FailureKind.TRANSIENT, "answered 500"));
        }

        RestartOutcome outcome = run(ci, ref);

        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(ci.statusReads).isEqualTo(WAIT.maxErrors() + 1);
        assertThat(ci.restartsSent).isEmpty();
    }

    @Test
    void noRetryIsScheduledPastTheTimeout() {
        WaitPolicy shortWait = WAIT.withTimeout(Duration.ofSeconds(20));
        FakeCi ci = new FakeCi(clock::now, false);
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        ci.statusFailures.add(new RefusedBeforeChange(FailureKind.RATE_LIMITED, "answered 429", Duration.ofSeconds(60)));
        RestartLoopHarness.Recorder r = new Recorder();

        loop.start(RestartState.forRestart(ref, T0, shortWait), once(), shortWait, ci, r);
        clock.runUntilIdle();

        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.ERROR);
        assertThat(r.outcome().message()).contains("answered 429");
        assertThat(clock.now()).isEqualTo(T0);
        assertThat(ci.restartsSent).isEmpty();
    }

    @Test
    void stoppingDuringAPendingRetryEndsTheLoopCancelled() {
        FakeCi ci = new FakeCi(clock::now, false);
        BuildRef ref = ci.existing("7", Script.fails(10), 600);
        ci.statusFailures.add(new Refused(FailureKind.TRANSIENT, "answered 500"));
        RestartLoopHarness.Recorder r = new Recorder();

        RestartLoop.Handle h = loop.start(RestartState.forRestart(ref, T0, WAIT), once(), WAIT, ci, r);
        while (ci.statusReads == 0) {
            clock.step(); // the first read (once the budget gives it a slot) fails; a retry is scheduled
        }
        h.stop();
        clock.runUntilIdle();

        assertThat(r.outcome().result()).isEqualTo(RestartOutcome.Result.CANCELLED);
        assertThat(ci.statusReads).isEqualTo(1);
        assertThat(ci.restartsSent).isEmpty();
    }

    @Test
    void aResumedLoopConfirmingItsRestartRetriesThatRead() {
        FakeCi ci = new FakeCi(clock::now, false);
        BuildRef ref = ci.existing("7", Script.succeeds(600), 0); // the restart had taken: the build runs again
        ci.statusFailures.add(new Refused(FailureKind.TRANSIENT, "answered 502"));
        RestartState interrupted = RestartState.forRestart(ref, T0, WAIT).restartDue(T0).restarting();

        RestartOutcome outcome = run(ci, interrupted);

        assertThat(outcome.result()).isEqualTo(RestartOutcome.Result.RESTARTED);
        assertThat(ci.statusReads).isEqualTo(2);
        assertThat(ci.restartsSent).isEmpty();
        assertThat(retries).containsExactly("TRANSIENT 5s");
    }
}
