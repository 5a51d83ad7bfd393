package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on a virtual clock, for tests (after OkHttp's {@code TaskFaker}): time moves only
 * when the test says so, due tasks run on the caller's thread in time order (ties in the order they were
 * scheduled), and nothing sleeps. Every requested delay is recorded for assertions.
 *
 * <p>Not thread-safe: drive it from the test thread, with a direct io executor.
 */
public final class FakeScheduler implements Scheduler {

    /** Above any sane test; a scenario that needs more tasks than this is looping. */
    private static final int MAX_TASKS_PER_RUN = 100_000;

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparing((Task t) -> t.at).thenComparingLong(t -> t.sequence));
    private final List<Duration> delays = new ArrayList<>();
    private Instant now;
    private long sequence;
    private int ran;

    public FakeScheduler(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    public FakeScheduler() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "task");
        delays.add(delay);
        Duration wait = delay.isNegative() ? Duration.ZERO : delay;
        Task t = new Task(now.plus(wait), sequence++, task);
        queue.add(t);
        return () -> queue.remove(t);
    }

    /** This scheduler's virtual time as a {@link java.time.Clock}, for code that reads one (the HTTP transport). */
    public java.time.Clock clock() {
        java.time.InstantSource source = this::now;
        return source.withZone(java.time.ZoneOffset.UTC);
    }

    /** Runs the earliest task, moving the clock forward to its time; false if none is scheduled. */
    public boolean runNext() {
        Task t = queue.poll();
        if (t == null) {
            return false;
        }
        if (t.at.isAfter(now)) {
            now = t.at;
        }
        ran++;
        t.task.run();
        return true;
    }

    /** Runs every task due by {@code now + duration} in time order, then leaves the clock there. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        Instant until = now.plus(duration);
        int budget = MAX_TASKS_PER_RUN;
        while (!queue.isEmpty() && !queue.peek().at.isAfter(until)) {
            checkBudget(budget--);
            runNext();
        }
        now = until;
    }

    /** Runs tasks, moving the clock as needed, until none is scheduled. */
    public void runUntilIdle() {
        int budget = MAX_TASKS_PER_RUN;
        while (!queue.isEmpty()) {
            checkBudget(budget--);
            runNext();
        }
    }

    /** Every delay passed to {@link #schedule}, in call order, including those of cancelled tasks. */
    public List<Duration> delays() {
        return Collections.unmodifiableList(delays);
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pending() {
        return queue.size();
    }

    /** Tasks run so far. */
    public int ran() {
        return ran;
    }

    /** When the earliest pending task is due, or {@code null}. */
    public Instant nextAt() {
        Task t = queue.peek();
        return t == null ? null : t.at;
    }

    private static void checkBudget(int budget) {
        if (budget <= 0) {
            throw new IllegalStateException("more than " + MAX_TASKS_PER_RUN + " tasks: a task keeps rescheduling itself");
        }
    }

    private static final class Task {
        final Instant at;
        final long sequence;
        final Runnable task;

        Task(Instant at, long sequence, Runnable task) {
            this.at = at;
            this.sequence = sequence;
            this.task = task;
        }
    }
}
