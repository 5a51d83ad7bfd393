package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.Scheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Release build only: the scheduler runs tasks on the real jenkins.util.Timer and cancels them. */
@WithJenkins
class TimerSchedulerJenkinsTest {

    @Test
    void runsScheduledTasksOnTheJenkinsTimerAndCancelsThem(JenkinsRule r) throws Exception {
        TimerScheduler scheduler = new TimerScheduler();
        CountDownLatch ran = new CountDownLatch(1);
        AtomicBoolean cancelledRan = new AtomicBoolean();

        Scheduler.Cancellable cancelled = scheduler.schedule(() -> cancelledRan.set(true), Duration.ofMillis(200));
        cancelled.cancel();
        scheduler.schedule(() -> {
            assertThat(Thread.currentThread().getName()).contains("jenkins.util.Timer");
            ran.countDown();
        }, Duration.ofMillis(10));

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(400); // test-only: give the cancelled task its chance to (wrongly) run
        assertThat(cancelledRan).isFalse();
    }
}
