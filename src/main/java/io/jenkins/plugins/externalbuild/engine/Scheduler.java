package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * The engine's only notion of time passing. Jenkins binds it to {@code jenkins.util.Timer}, the CLI
 * to a {@link java.util.concurrent.ScheduledExecutorService}, tests to a fake clock.
 *
 * <p>Tasks must be short: a scheduled task hands blocking work (HTTP) to another executor.
 */
public interface Scheduler {

    Instant now();

    /** Runs {@code task} once after {@code delay} (zero or negative: as soon as possible). */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that may be cancelled; cancelling a task that already ran does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
