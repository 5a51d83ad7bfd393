package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The waits of one {@link PollSource} key (one provider account): their {@link PollQueue}, the requests outside the
 * poll schedule ({@link WaitEngine.Request}: a restart's reads, the restart, a cancel), the pump that sends both in
 * turn as the account's {@link RateBudget} allows, and the calls in flight. Every field is guarded by the group's
 * monitor.
 */
final class PollGroup {

    /** Most reads of one group in flight at once. */
    static final int MAX_IN_FLIGHT = 4;

    final WaitEngine engine;
    final PollSource source;
    final PollQueue queue = new PollQueue();
    /** Requests outside the poll schedule, in arrival order. */
    private final ArrayDeque<WaitEngine.Request> calls = new ArrayDeque<>();
    /** Waits of this group that have not finished. */
    int runs;
    /** Requests queued or running. */
    private int callsPending;
    private int inFlight;
    /** Waits near their expected end, for the dense interval ({@link Pacing#denseInterval}). */
    int near;
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


    /** Queues a request outside the poll schedule; it goes before the polls, in arrival order with the other requests. */
    void call(WaitEngine.Request request) {
        callsPending++;
        calls.add(request);
        wake();
    }

    /** A wait ended: the group forgets it, and the engine the group after its last wait. */
    void ended() {
        runs--;
        idle();
    }

    /** Once nothing is left, the engine forgets the group and its pump stops. */
    private void idle() {
        if (runs == 0 && callsPending == 0) {
            engine.release(this);
        }
        if (queue.isEmpty() && calls.isEmpty() && pumpTask != null) {
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
        Instant now = scheduler().now();
        if (!calls.isEmpty()) {
            arm(now);
        } else if (!queue.isEmpty()) {
            Instant due = queue.head().dueAt();
            arm(due.isBefore(now) ? now : due);
        }
    }

    /** Sends every request and due poll the budget allows now, requests first, then arms the pump for the next one. */
    private void pump() {
        Instant now = scheduler().now();
        while (inFlight < MAX_IN_FLIGHT) {
            dropUnwanted();
            // A request outside the schedule goes first: it continues a wait that has already seen its build end or
            // fail (its failed jobs, a restart) or starts one, and such requests are few; polls wait behind it.
            boolean call = !calls.isEmpty();
            if (!call) {
                if (queue.isEmpty()) {
                    return;
                }
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
            }
            RateBudget budget = source.budget();
            Instant slot = budget.nextSlot(now);
            if (slot.isAfter(now) || !budget.acquire(now)) {
                // Another process sharing the budget may take the slot between the two calls: look again then.
                Instant next = slot.isAfter(now) ? slot : budget.nextSlot(now);
                next = next.isAfter(now) ? next : now.plusMillis(1);
                arm(call || next.isBefore(queue.head().deadline()) ? next : queue.head().deadline());
                return;
            }
            if (call) {
                send(calls.poll());
            } else {
                send(queue.takeBatch(source.maxBatch(), now));
            }
        }
    }

    /** Drops the requests at the head that are no longer wanted (their loop stopped): they take no slot. */
    private void dropUnwanted() {
        boolean dropped = false;
        while (!calls.isEmpty() && !calls.peek().wanted()) {
            calls.poll();
            callsPending--;
            dropped = true;
        }
        if (dropped) {
            idle();
        }
    }

    /** Runs a request outside the poll schedule on the io executor, with the slot just booked for it. */
    private void send(WaitEngine.Request request) {
        inFlight++;
        try {
            engine.io.execute(() -> {
                try {
                    source.budget().prepaid(request);
                } finally {
                    synchronized (this) {
                        inFlight--;
                        callsPending--;
                        idle();
                        wake();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight--;
            callsPending--;
            request.refused();
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
        Object[] answer = new Object[1];
        source.budget().prepaid(() -> {
            try {
                answer[0] = source.reader().read(refs);
            } catch (Exception | LinkageError e) {
                // Boundary of a scheduled task: anything escaping here would leave the waits hanging forever.
                answer[0] = e;
            }
        });
        @SuppressWarnings("unchecked")
        Map<BuildRef, Object> results = answer[0] instanceof Map<?, ?> m ? (Map<BuildRef, Object>) m : Map.of();
        Throwable failure = answer[0] instanceof Throwable t ? t : null;
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
