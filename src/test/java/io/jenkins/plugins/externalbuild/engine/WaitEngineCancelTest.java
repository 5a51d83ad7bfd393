package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.WaitOutcome.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Cancel ends a wait once and polls nothing after it; an executor that refuses a poll ends the wait instead of
 * hanging it; every scheduled poll is saved before it runs.
 */
class WaitEngineCancelTest extends WaitEngineHarness {

    @Test
    void cancelEndsTheWaitOnceAndNothingIsPolledAfterIt() {
        ScriptedReader reader = forever(RUNNING);
        WaitEngine.Handle handle = start(reader);
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(reader.count()).isEqualTo(3);
        assertThat(handle.done()).isFalse();

        handle.cancel();
        handle.cancel();
        scheduler.advance(Duration.ofHours(1));

        WaitOutcome outcome = onlyOutcome();
        assertThat(outcome.result()).isEqualTo(Result.CANCELLED);
        assertThat(outcome.message()).isEqualTo("wait cancelled");
        assertThat(reader.count()).isEqualTo(3);
        assertThat(handle.done()).isTrue();
        assertThat(handle.state()).isEqualTo(outcome.state());
    }

    @Test
    void cancelBeforeTheFirstPollPollsNothing() {
        ScriptedReader reader = script();
        WaitEngine.Handle handle = start(reader);

        handle.cancel();
        scheduler.runUntilIdle();

        assertThat(onlyOutcome().result()).isEqualTo(Result.CANCELLED);
        assertThat(reader.count()).isZero();
    }

    @Test
    void cancelFromAListenerDuringAPollEndsTheWaitOnce() {
        ScriptedReader reader = forever(RUNNING, QUEUED);
        WaitEngine.Handle[] handle = new WaitEngine.Handle[1];
        listener.onChange = () -> {
            if (listener.changes.size() == 2) {
                handle[0].cancel();
            }
        };
        handle[0] = start(reader);

        scheduler.runUntilIdle();

        assertThat(onlyOutcome().result()).isEqualTo(Result.CANCELLED);
        assertThat(reader.count()).isEqualTo(2);
    }

    @Test
    void cancelAfterTheEndChangesNothing() {
        WaitEngine.Handle handle = start(script(SUCCESS));
        scheduler.runUntilIdle();

        handle.cancel();

        assertThat(onlyOutcome().result()).isEqualTo(Result.SUCCEEDED);
    }

    @Test
    void anExecutorThatRejectsThePollEndsTheWaitWithErrorInsteadOfHanging() {
        List<Runnable> accepted = new ArrayList<>();
        io = task -> {
            if (accepted.size() == 2) {
                throw new RejectedExecutionException("pool shut down");
            }
            accepted.add(task);
            task.run();
        };
        ScriptedReader reader = forever(RUNNING);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(outcome.message()).isEqualTo("no thread to poll " + REF.url());
        assertThat(reader.count()).isEqualTo(2);
    }

    @Test
    void everyScheduledPollIsSavedFirstSoThatAResumeKnowsWhenToPoll() {
        ScriptedReader reader = script(QUEUED, SUCCESS);
        start(reader);
        assertThat(listener.saved).hasSize(1);
        assertThat(listener.saved.get(0).nextPollInstant()).isEqualTo(T0);

        scheduler.runNext();

        assertThat(listener.lastSaved().status()).isEqualTo(QUEUED);
        assertThat(listener.lastSaved().nextPollInstant()).isEqualTo(T0.plusSeconds(1));
    }
}
