package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSchedulerTest {

    private final Instant start = Instant.parse("2025-01-01T00:00:00Z");
    private final FakeScheduler scheduler = new FakeScheduler(start);
    private final List<String> log = new ArrayList<>();

    private Runnable record(String name) {
        return () -> log.add(name + "@" + Duration.between(start, scheduler.now()).toSeconds());
    }

    @Test
    void runsDueTasksInTimeOrderThenTheOrderTheyWereScheduled() {
        scheduler.schedule(record("c"), Duration.ofSeconds(3));
        scheduler.schedule(record("a"), Duration.ofSeconds(1));
        scheduler.schedule(record("b1"), Duration.ofSeconds(2));
        scheduler.schedule(record("b2"), Duration.ofSeconds(2));

        scheduler.runUntilIdle();

        assertThat(log).containsExactly("a@1", "b1@2", "b2@2", "c@3");
        assertThat(scheduler.now()).isEqualTo(start.plusSeconds(3));
        assertThat(scheduler.ran()).isEqualTo(4);
    }

    @Test
    void advanceRunsOnlyWhatIsDueAndLeavesTheClockAtTheTarget() {
        scheduler.schedule(record("a"), Duration.ofSeconds(5));
        scheduler.schedule(record("b"), Duration.ofSeconds(10));
        scheduler.schedule(record("c"), Duration.ofSeconds(11));

        scheduler.advance(Duration.ofSeconds(10));

        assertThat(log).containsExactly("a@5", "b@10");
        assertThat(scheduler.now()).isEqualTo(start.plusSeconds(10));
        assertThat(scheduler.pending()).isEqualTo(1);
        assertThat(scheduler.nextAt()).isEqualTo(start.plusSeconds(11));
    }

    @Test
    void tasksScheduledByATaskRunInTheSameAdvanceWhenDue() {
        scheduler.schedule(() -> {
            log.add("first");
            scheduler.schedule(record("second"), Duration.ofSeconds(2));
        }, Duration.ofSeconds(1));

        scheduler.advance(Duration.ofSeconds(3));

        assertThat(log).containsExactly("first", "second@3");
    }

    @Test
    void aCancelledTaskNeverRunsAndCancellingTwiceOrAfterRunningDoesNothing() {
        Scheduler.Cancellable cancelled = scheduler.schedule(record("cancelled"), Duration.ofSeconds(1));
        Scheduler.Cancellable ran = scheduler.schedule(record("ran"), Duration.ofSeconds(2));

        cancelled.cancel();
        cancelled.cancel();
        scheduler.runUntilIdle();
        ran.cancel();

        assertThat(log).containsExactly("ran@2");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aNegativeDelayRunsNowWithoutMovingTheClockBackAndIsRecordedAsAsked() {
        scheduler.advance(Duration.ofSeconds(5));
        scheduler.schedule(record("late"), Duration.ofSeconds(-3));

        assertThat(scheduler.runNext()).isTrue();

        assertThat(log).containsExactly("late@5");
        assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(-3));
        assertThat(scheduler.runNext()).isFalse();
    }

    @Test
    void timeNeverMovesBackward() {
        assertThatThrownBy(() -> scheduler.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTaskThatKeepsReschedulingItselfAtZeroDelayIsReportedInsteadOfHanging() {
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> scheduler.schedule(loop[0], Duration.ZERO);
        scheduler.schedule(loop[0], Duration.ZERO);

        assertThatThrownBy(scheduler::runUntilIdle).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rescheduling");
    }
}
