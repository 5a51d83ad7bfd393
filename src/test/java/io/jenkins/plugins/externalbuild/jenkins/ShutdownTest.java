package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * After Jenkins' shutdown ({@link ExternalBuildService#shutdown()}) the service takes no more work: the scheduler
 * drops tasks instead of calling {@code Timer.get()} (which would create a new Timer after {@code Timer.shutdown()};
 * offline, the stand-in Timer throws when asked), and the io pool drops tasks instead of rejecting them (which would
 * end a durable step with an error because of the shutdown).
 */
class ShutdownTest {

    @Test
    void aClosedSchedulerDropsTasksWithoutTouchingTheTimer() {
        TimerScheduler scheduler = new TimerScheduler();
        scheduler.close();

        AtomicBoolean ran = new AtomicBoolean();
        scheduler.schedule(() -> ran.set(true), Duration.ZERO).cancel();

        assertThat(ran).isFalse();
    }

    @Test
    void aClosedPoolDropsTasks() throws Exception {
        IoPool pool = new IoPool(1, 10);
        pool.close();

        AtomicBoolean ran = new AtomicBoolean();
        pool.execute(() -> ran.set(true));
        Thread.sleep(50); // test-only: would a thread have run it?

        assertThat(ran).isFalse();
        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void poolThreadsAreCoreDaemonsNamedForThePlugin() throws Exception {
        IoPool pool = new IoPool(1, 10);
        var name = new java.util.concurrent.CompletableFuture<String>();
        var daemon = new java.util.concurrent.CompletableFuture<Boolean>();
        pool.execute(() -> {
            name.complete(Thread.currentThread().getName());
            daemon.complete(Thread.currentThread().isDaemon());
        });

        assertThat(name.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("external-build io [#");
        assertThat(daemon.get()).isTrue();
        pool.close();
    }
}
