package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * A virtual clock with a manual io queue, for {@link RestartLoop} tests: scheduled tasks and io work are
 * queued, and {@link #step()} runs one unit at a time (io first, then the earliest timer task, moving the
 * clock to it). Between two steps the loop is at rest, which is where the tests simulate a process restart.
 * Not thread-safe; nothing sleeps. Public for the Jenkins layer's offline execution tests.
 */
public final class ManualScheduler implements Scheduler {

    private record Task(Instant at, long seq, Runnable work) {
    }

    private final PriorityQueue<Task> timer = new PriorityQueue<>(
            Comparator.comparing(Task::at).thenComparingLong(Task::seq));
    private final Deque<Runnable> io = new ArrayDeque<>();
    private Instant now;
    private long seq;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task);
        timer.add(t);
        return () -> timer.remove(t);
    }

    public Executor io() {
        return io::add;
    }

    /** Runs one queued io task, else the earliest timer task; false when nothing is queued. */
    public boolean step() {
        Runnable r = io.poll();
        if (r != null) {
            r.run();
            return true;
        }
        Task t = timer.poll();
        if (t == null) {
            return false;
        }
        if (t.at().isAfter(now)) {
            now = t.at();
        }
        t.work().run();
        return true;
    }

    /** Steps until nothing is queued; fails on a runaway loop. */
    public int runUntilIdle() {
        int steps = 0;
        while (step()) {
            if (++steps > 100_000) {
                throw new AssertionError("still busy after 100000 steps");
            }
        }
        return steps;
    }

    public boolean idle() {
        return io.isEmpty() && timer.isEmpty();
    }
}
