package io.jenkins.plugins.externalbuild.cli.bench;

import io.jenkins.plugins.externalbuild.engine.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** Virtual time for the simulation: tasks run in time order, instantly, on the calling thread. */
final class VirtualScheduler implements Scheduler {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    private static final class Task implements Comparable<Task>, Cancellable {
        final long at;
        final long seq;
        final Runnable body;
        boolean cancelled;

        Task(long at, long seq, Runnable body) {
            this.at = at;
            this.seq = seq;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    VirtualScheduler(Instant start) {
        this.now = start.toEpochMilli();
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(now);
    }

    long millis() {
        return now;
    }

    /** This virtual time as a {@link java.time.Clock}, for the transport, the signer and the providers. */
    java.time.Clock clock() {
        return new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException("virtual time is UTC");
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now);
            }
        };
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(now + Math.max(0, delay.toMillis()), sequence++, task);
        queue.add(t);
        return t;
    }

    /** Runs every task until none is left or virtual time passes {@code until}. */
    void run(long until) {
        while (!queue.isEmpty()) {
            Task t = queue.poll();
            if (t.cancelled) {
                continue;
            }
            if (t.at > until) {
                queue.add(t);
                return;
            }
            now = Math.max(now, t.at);
            t.body.run();
        }
    }
}
