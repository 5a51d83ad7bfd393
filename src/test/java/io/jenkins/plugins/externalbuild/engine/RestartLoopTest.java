package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.FakeCi.Script;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.OnAbort;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.RetryOn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestartLoopTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final WaitPolicy WAIT = new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), 1.5, 0.0,
            Duration.ofHours(2), 3, 5, true);

    /** Records what the loop reports: one line per event, every saved state, the outcome. */
    static class Recorder implements RestartLoop.Listener {
        final List<String> lines = new ArrayList<>();
        final List<String> saves = new ArrayList<>();
        final List<RestartOutcome> outcomes = new ArrayList<>();

        @Override
        public void statusChanged(RestartState state, BuildStatus previous) {
            lines.add("status " + state.waitState().ref().id() + " " + state.waitState().status().state());
        }

        @Override
        public void restarted(RestartState state, Attempt from, RestartMode mode) {
            lines.add("restarted " + from.ref().id() + " -> " + state.waitState().ref().id() + " #" + state.waitState().attempt());
        }

        @Override
        public void restartScheduled(RestartState state, Duration delay, String reason) {
            lines.add("restart in " + delay.toSeconds() + "s");
        }

        @Override
        public void saved(RestartState state) {
            saves.add(state.toJson());
        }

        @Override
        public void finished(RestartOutcome outcome) {
            outcomes.add(outcome);
        }

        RestartOutcome outcome() {
            assertThat(outcomes).hasSize(1);
            return outcomes.get(0);
        }
    }

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final RestartLoop loop = new RestartLoop(clock, clock.io(), () -> 0.5);

    private static RestartPolicy policy(int attempts, int delaySeconds, double backoff, RetryOn retryOn) {
        return new RestartPolicy(RestartMode.FAILED, attempts, Duration.ofSeconds(delaySeconds), backoff, retryOn, true,
                OnAbort.CANCEL);
    }

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

    private void runUntil(java.util.function.BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            assertThat(clock.step()).as("still running").isTrue();
        }
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
