package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final ExecutorScheduler scheduler = new ExecutorScheduler(executor, Clock.fixed(now, ZoneOffset.UTC));

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    private RunnableScheduledFuture<?> onlyQueued() {
        assertThat(executor.getQueue()).hasSize(1);
        return (RunnableScheduledFuture<?>) executor.getQueue().peek();
    }

    @Test
    void nowIsTheClocksInstant() {
        assertThat(scheduler.now()).isEqualTo(now);
    }

    @Test
    void aTaskIsScheduledAfterItsDelayInMilliseconds() {
        scheduler.schedule(() -> { }, Duration.ofMinutes(5));

        assertThat(onlyQueued().getDelay(TimeUnit.MILLISECONDS)).isBetween(Duration.ofMinutes(4).toMillis(),
                Duration.ofMinutes(5).toMillis());
    }

    @Test
    void aNegativeDelayRunsAsSoonAsPossible() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);

        scheduler.schedule(ran::countDown, Duration.ofSeconds(-10));

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void cancellingAScheduledTaskCancelsItsFuture() {
        Scheduler.Cancellable cancellable = scheduler.schedule(() -> { }, Duration.ofHours(1));
        RunnableScheduledFuture<?> future = onlyQueued();

        cancellable.cancel();
        cancellable.cancel();

        assertThat(future.isCancelled()).isTrue();
    }

    @Test
    void theExecutorAndClockAreRequired() {
        assertThatThrownBy(() -> new ExecutorScheduler(null, Clock.systemUTC()))
                .isInstanceOf(NullPointerException.class).hasMessage("executor");
        assertThatThrownBy(() -> new ExecutorScheduler(executor, null))
                .isInstanceOf(NullPointerException.class).hasMessage("clock");
    }
}
