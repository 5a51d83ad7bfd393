package io.jenkins.plugins.externalbuild.jenkins;

import io.jenkins.plugins.externalbuild.engine.ExecutorScheduler;
import io.jenkins.plugins.externalbuild.engine.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jenkins.util.Timer;

/**
 * Binds the engine's {@link Scheduler} to Jenkins' shared {@link Timer}. The Timer has ten threads for the
 * whole controller and runs tasks as SYSTEM, so the engine only schedules short tasks on it and does its
 * HTTP on its own bounded pool. {@link Timer#get()} is read on each call: Jenkins replaces it across restarts.
 * After {@link #close()} (Jenkins is shutting down) tasks are dropped, not scheduled: {@code Timer.get()} after
 * {@code Timer.shutdown()} would create a new Timer, and a durable step resumes after the restart anyway.
 */
public final class TimerScheduler implements Scheduler {

    private static final Cancellable DROPPED = () -> { };

    private final Clock clock;
    private volatile boolean closed;

    public TimerScheduler() {
        this(Clock.systemUTC());
    }

    TimerScheduler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        if (closed) {
            return DROPPED;
        }
        return new ExecutorScheduler(Timer.get(), clock).schedule(task, delay);
    }

    /** Drops every task scheduled from now on. */
    void close() {
        closed = true;
    }
}
