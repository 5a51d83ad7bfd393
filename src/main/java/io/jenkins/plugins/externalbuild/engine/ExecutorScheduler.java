package io.jenkins.plugins.externalbuild.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} over a {@link ScheduledExecutorService} and the system clock. */
public final class ExecutorScheduler implements Scheduler {

    private final ScheduledExecutorService executor;
    private final Clock clock;

    public ExecutorScheduler(ScheduledExecutorService executor, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        long millis = Math.max(0, delay.toMillis());
        ScheduledFuture<?> future = executor.schedule(task, millis, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }
}
