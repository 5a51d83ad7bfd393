package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.FakeCi.Script;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.OnAbort;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.RetryOn;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A replayed Pipeline or re-run step never restarts the same attempt twice. */
class RestartLedgerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final WaitPolicy WAIT = new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), 1.5, 0.0,
            Duration.ofHours(1), 3, 3, true);
    private static final RestartPolicy ONCE = new RestartPolicy(RestartMode.FAILED, 1, Duration.ZERO, 1, RetryOn.FAILURE,
            true, OnAbort.CANCEL);

    private static BuildRef ref(String id) {
        return new BuildRef("gitlab", "job", "https://g.example", "g/p", id, "https://g.example/g/p/-/jobs/" + id);
    }

    @Test
    void aRecordedRestartIsFoundForItsAttemptOnlyAndOnlyWhileFresh() {
        MemoryRestartLedger ledger = new MemoryRestartLedger();
        Attempt from = Attempt.first(ref("7"));
        Attempt to = from.next(ref("8"));
        ledger.record(from, to, T0);

        assertThat(ledger.restartOf(from, T0.plusSeconds(60))).contains(to);
        assertThat(ledger.restartOf(to, T0.plusSeconds(60))).as("the new attempt was not restarted").isEmpty();
        assertThat(ledger.restartOf(new Attempt(ref("7"), 2), T0)).as("same id, other attempt").isEmpty();
        assertThat(ledger.restartOf(from, T0.plus(RestartLedger.MAX_AGE).plusSeconds(1))).isEmpty();
    }

    @Test
    void theLedgerSurvivesJsonAndForgetsOldEntriesAsNewOnesArrive() {
        MemoryRestartLedger ledger = new MemoryRestartLedger();
        ledger.record(Attempt.first(ref("1")), Attempt.first(ref("1")).next(ref("2")), T0);
        ledger.record(Attempt.first(ref("3")), Attempt.first(ref("3")).next(ref("4")), T0.plus(Duration.ofHours(25)));

        MemoryRestartLedger back = MemoryRestartLedger.fromJson(ledger.toJson());

        assertThat(back.size()).isEqualTo(1);
        assertThat(back.restartOf(Attempt.first(ref("3")), T0.plus(Duration.ofHours(25)))).map(a -> a.ref().id()).contains("4");
        assertThat(MemoryRestartLedger.fromJson("{not json").size()).isZero();
        assertThat(ledger.toJson()).doesNotContain("token");
    }

    @Test
    void aReRunOfTheSameStepFollowsTheFirstRestartInsteadOfSendingAnother() {
        ManualScheduler clock = new ManualScheduler(T0);
        MemoryRestartLedger ledger = new MemoryRestartLedger();
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.succeeds(40));
        BuildRef original = ci.existing("7", Script.fails(10), 600);

        RestartLoopHarness.Recorder first = new RestartLoopHarness.Recorder();
        new RestartLoop(new WaitEngine(clock, clock.io(), () -> 0.5), ledger)
                .start(RestartState.forRestart(original, clock.now(), WAIT), ONCE, WAIT, ci, first);
        clock.runUntilIdle();
        RestartLoopHarness.Recorder replay = new RestartLoopHarness.Recorder();
        new RestartLoop(new WaitEngine(clock, clock.io(), () -> 0.5), ledger)
                .start(RestartState.forRestart(original, clock.now(), WAIT), ONCE, WAIT, ci, replay);
        clock.runUntilIdle();

        assertThat(ci.restartsSent).as("one restart for two runs of the step").containsExactly("7");
        assertThat(first.outcome().attempt()).isEqualTo(replay.outcome().attempt());
        assertThat(replay.outcome().result()).isEqualTo(RestartOutcome.Result.SUCCEEDED);
    }

    @Test
    void withoutALedgerEveryRunRestarts() {
        ManualScheduler clock = new ManualScheduler(T0);
        FakeCi ci = new FakeCi(clock::now, false).thenRestarts(Script.succeeds(40), Script.succeeds(40));
        BuildRef original = ci.existing("7", Script.fails(10), 600);
        for (int i = 0; i < 2; i++) {
            new RestartLoop(clock, clock.io(), () -> 0.5)
                    .start(RestartState.forRestart(original, clock.now(), WAIT), ONCE, WAIT, ci, new RestartLoopHarness.Recorder());
            clock.runUntilIdle();
        }
        assertThat(ci.restartsSent).containsExactly("7", "7");
    }
}
