package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.WaitOutcome.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A wait ends at its deadline, never after it: unpolled at the deadline, with no status seen, past a long
 * Retry-After, and when resumed too late.
 */
class WaitEngineTimeoutTest extends WaitEngineHarness {

    @Test
    void aBuildThatNeverEndsTimesOutExactlyAtTheDeadlineWithNoPollAfterIt() {
        policy = POLICY.withTimeout(Duration.ofSeconds(30));
        ScriptedReader reader = forever(RUNNING);
        List<Instant> finishedAt = new ArrayList<>();
        WaitEngine.Listener timing = new WaitEngine.Listener() {
            @Override
            public void saved(WaitState state) {
                listener.saved(state);
            }

            @Override
            public void finished(WaitOutcome outcome) {
                finishedAt.add(scheduler.now());
                listener.finished(outcome);
            }
        };
        WaitState state = WaitState.start(Attempt.first(REF), List.of(), T0, policy, Duration.ZERO);

        new WaitEngine(scheduler, io, () -> 0.5).start(state, policy, reader, timing);
        scheduler.runUntilIdle();

        WaitOutcome outcome = onlyOutcome();
        assertThat(outcome.result()).isEqualTo(Result.TIMED_OUT);
        assertThat(outcome.message()).isEqualTo("timed out after PT30S waiting for "
                + "https://gitlab.example.com/g/app/-/jobs/8 (last status running)");
        assertThat(finishedAt).containsExactly(T0.plusSeconds(30));
        // Polls at 0, 1, 3, 7, 15, 23; the next (31) is clamped to the deadline, which ends the wait unpolled.
        assertThat(reader.polls).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(3), T0.plusSeconds(7),
                T0.plusSeconds(15), T0.plusSeconds(23));
        assertThat(reader.polls).allMatch(t -> t.isBefore(T0.plusSeconds(30)));
        assertThat(scheduler.now()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aWaitThatNeverSawAStatusSaysSoWhenItTimesOut() {
        policy = POLICY.withTimeout(Duration.ofSeconds(5));
        WaitOutcome outcome = runToEnd(forever(new ClassifiedException(FailureKind.TRANSIENT, "503"),
                new ClassifiedException(FailureKind.TRANSIENT, "503")));

        assertThat(outcome.result()).isEqualTo(Result.TIMED_OUT);
        assertThat(outcome.message()).endsWith("(no status seen)");
    }

    @Test
    void aRetryAfterBeyondTheDeadlineEndsTheWaitAtTheDeadline() {
        policy = POLICY.withTimeout(Duration.ofSeconds(30));
        ScriptedReader reader = script(RUNNING,
                new ClassifiedException(FailureKind.RATE_LIMITED, "slow down", Duration.ofMinutes(10)));

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.TIMED_OUT);
        assertThat(scheduler.now()).isEqualTo(T0.plusSeconds(30));
        assertThat(reader.count()).isEqualTo(2);
    }

    @Test
    void aWaitResumedAfterItsDeadlineTimesOutAtOnceWithoutPolling() {
        WaitState state = WaitState.start(Attempt.first(REF), List.of(), T0, policy, Duration.ZERO);
        scheduler.advance(Duration.ofHours(3));
        ScriptedReader reader = script();

        new WaitEngine(scheduler, io, () -> 0.5).start(state, policy, reader, listener);
        scheduler.runUntilIdle();

        assertThat(onlyOutcome().result()).isEqualTo(Result.TIMED_OUT);
        assertThat(reader.count()).isZero();
        assertThat(scheduler.now()).isEqualTo(T0.plus(Duration.ofHours(3)));
    }
}
