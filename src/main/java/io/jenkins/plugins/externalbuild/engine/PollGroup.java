package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The waits of one {@link PollSource} key (one provider account): their {@link PollQueue}, the pump that sends due
 * polls as the account's {@link RateBudget} allows, and the reads in flight. Every field is guarded by the group's
 * monitor.
 */
final class PollGroup {

    /** Most reads of one group in flight at once. */
    static final int MAX_IN_FLIGHT = 4;

    final WaitEngine engine;
    final PollSource source;
    final PollQueue queue = new PollQueue();
    /** Waits of this group that have not finished. */
    int runs;
    private int inFlight;
    private Scheduler.Cancellable pumpTask;
    private Instant pumpAt;

    PollGroup(WaitEngine engine, PollSource source) {
        this.engine = engine;
        this.source = source;
    }

    Scheduler scheduler() {
        return engine.scheduler;
    }

    /** Queues {@code run} for a poll at {@code at}, or at its deadline if that comes first. */
    void add(WaitRun run, Instant at) {
        run.queueAt(at, engine.nextSequence());
        queue.add(run);
    }

    void remove(WaitRun run) {
        queue.remove(run);
    }

    /** A wait ended: the group forgets it, and the engine the group after its last wait. */
    void ended() {
        runs--;
        if (runs == 0) {
            engine.release(this);
        }
        if (queue.isEmpty() && pumpTask != null) {
            pumpTask.cancel();
            pumpTask = null;
            pumpAt = null;
        }
    }

    /**
     * Arms the pump for the first due poll; polls always start from a scheduler task, never inside a caller's
     * call (start, a read's completion, cancel), so that no call chain can grow with the number of polls.
     */
    void wake() {
        if (!queue.isEmpty()) {
            Instant now = scheduler().now();
            Instant due = queue.head().dueAt();
            arm(due.isBefore(now) ? now : due);
        }
    }

    /** Sends every due poll the budget allows now, then arms the pump for the next one. */
    private void pump() {
        Instant now = scheduler().now();
        while (inFlight < MAX_IN_FLIGHT && !queue.isEmpty()) {
            WaitRun head = queue.head();
            if (head.dueAt().isAfter(now)) {
                arm(head.dueAt());
                return;
            }
            if (!now.isBefore(head.deadline())) {
                remove(head);
                head.timedOut();
                continue;
            }
            RateBudget budget = source.budget();
            Instant slot = budget.nextSlot(now);
            if (slot.isAfter(now) || !budget.acquire(now)) {
                // Another process sharing the budget may take the slot between the two calls: look again then.
                Instant next = slot.isAfter(now) ? slot : budget.nextSlot(now);
                next = next.isAfter(now) ? next : now.plusMillis(1);
                arm(next.isAfter(head.deadline()) ? head.deadline() : next);
                return;
            }
            send(queue.takeBatch(source.maxBatch(), now));
        }
    }

    private void arm(Instant at) {
        if (pumpTask != null && at.equals(pumpAt)) {
            return;
        }
        if (pumpTask != null) {
            pumpTask.cancel();
        }
        pumpAt = at;
        pumpTask = scheduler().schedule(this::tick, Duration.between(scheduler().now(), at));
    }

    private void tick() {
        synchronized (this) {
            pumpTask = null;
            pumpAt = null;
            pump();
        }
    }

    private void send(Map<BuildRef, List<WaitRun>> batch) {
        inFlight++;
        for (List<WaitRun> same : batch.values()) {
            same.forEach(r -> r.inFlight(true));
        }
        List<BuildRef> refs = List.copyOf(batch.keySet());
        Instant sentAt = scheduler().now();
        try {
            engine.io.execute(() -> read(refs, batch, sentAt));
        } catch (RejectedExecutionException e) {
            inFlight--;
            for (List<WaitRun> same : batch.values()) {
                for (WaitRun r : same) {
                    r.inFlight(false);
                    r.finish(WaitOutcome.Result.ERROR, FailureKind.TRANSIENT, "no thread to poll " + r.ref().url());
                }
            }
        }
    }

    private void read(List<BuildRef> refs, Map<BuildRef, List<WaitRun>> batch, Instant sentAt) {
        Map<BuildRef, Object> results;
        Throwable failure = null;
        try {
            results = source.reader().read(refs);
        } catch (Exception | LinkageError e) {
            // Boundary of a scheduled task: anything escaping here would leave the waits hanging forever.
            results = Map.of();
            failure = e;
        }
        if (failure instanceof ClassifiedFailure c && c.kind() == FailureKind.RATE_LIMITED) {
            // Once per refused request, not per wait.
            source.budget().rejected(sentAt, scheduler().now(), c.retryAfter().isPresent());
        }
        synchronized (this) {
            inFlight--;
            for (Map.Entry<BuildRef, List<WaitRun>> e : batch.entrySet()) {
                Object result = failure != null ? failure : results.get(e.getKey());
                for (WaitRun r : e.getValue()) {
                    r.inFlight(false);
                    if (result instanceof BuildStatus status) {
                        r.observed(status);
                    } else if (result instanceof Throwable t) {
                        r.failed(t);
                    } else {
                        r.failed(new WaitEngine.MissingFromBatch(e.getKey()));
                    }
                }
            }
            wake();
        }
    }
}
