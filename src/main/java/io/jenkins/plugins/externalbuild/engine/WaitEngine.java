package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs waits without holding a thread. Waits are grouped by their {@link PollSource} key (one provider account):
 * a group keeps its waits ordered by when each wants its next poll, and one pump task on the {@link Scheduler}
 * sends the due polls as its {@link RateBudget} allows — reading the same build once for every wait on it
 * (coalescing) and up to {@link PollSource#maxBatch()} builds per request where the provider can (batching).
 * The blocking read runs on the {@code io} executor (a small bounded pool); its result schedules each wait's
 * next poll or ends it.
 *
 * <p>When to poll: with no hint, exponentially from the first poll up to the cap ({@link WaitPolicy#delay});
 * when the build's duration can be expected, halfway to the expected end at a time, then every
 * {@link WaitPolicy#densePoll()} near it; in a group whose budget is limited, never more often than the budget
 * shared among the group's active waits allows.
 *
 * <p>Every wait ends: by a terminal status, a manual block, the overall timeout, a build queued longer than the
 * policy allows, a non-retryable failure, too many failures or unknown statuses in a row, or
 * {@link Handle#cancel()}.
 *
 * <p>Thread-safety: each group's transitions are serialized on the group; listeners are called with it held,
 * one call at a time per wait.
 */
public final class WaitEngine {

    private static final Logger LOGGER = Logger.getLogger(WaitEngine.class.getName());

    /** Share of a limited budget the engine plans to use, so that bursts and other clients still fit. */
    static final double UTILIZATION = 0.8;
    /**
     * The window around an expected end in which polls are dense, as a share of the expected duration: two
     * standard deviations of a 5 % run-to-run variation, so that about 95 % of builds end inside it.
     */
    static final double WINDOW = 0.10;
    /**
     * Share of a group's waits counted as near their expected end at once, for the dense interval; chosen with
     * {@code extbuild bench} (0.4 spent more requests at N=100 for no gain that mattered, 0.8 delayed detection).
     */
    static final double NEAR_END_SHARE = 0.6;
    /** Most reads of one group in flight at once. */
    static final int MAX_IN_FLIGHT = 4;

    private final Scheduler scheduler;
    private final Executor io;
    private final DoubleSupplier random;
    private final Map<String, Group> groups = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    public WaitEngine(Scheduler scheduler, Executor io, DoubleSupplier random) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.io = Objects.requireNonNull(io, "io");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Reads the current status of a build; runs on the io executor and may block. */
    @FunctionalInterface
    public interface StatusReader {
        BuildStatus read(BuildRef ref) throws Exception;
    }

    /** What a wait reports. Only {@link #finished} is required. */
    public interface Listener {
        /** The status differs from the one seen before ({@code previous} is null on the first poll). */
        default void statusChanged(WaitState state, BuildStatus previous) {
        }

        /** A poll failed and the wait goes on after {@code delay}. */
        default void pollFailed(WaitState state, FailureKind kind, String message, Duration delay) {
        }

        /** The state changed and should be persisted by whoever must survive a restart. */
        default void saved(WaitState state) {
        }

        /** The wait ended. Called exactly once. */
        void finished(WaitOutcome outcome);
    }

    /** A running wait. */
    public interface Handle {
        /** Stops polling; the listener gets a {@link WaitOutcome.Result#CANCELLED} outcome if it had not finished. */
        void cancel();

        WaitState state();

        boolean done();
    }

    /** Starts (or resumes) a wait with its own reader and no shared budget. */
    public Handle start(WaitState state, WaitPolicy policy, StatusReader reader, Listener listener) {
        String key = "wait-" + sequence.incrementAndGet();
        return start(state, policy, PollSource.single(key, reader, RateBudget.unlimited(key)), listener);
    }

    /** Starts (or resumes, from a restored state) a wait; the first poll is due at {@code state.nextPollAt()}. */
    public Handle start(WaitState state, WaitPolicy policy, PollSource source, Listener listener) {
        Group group;
        synchronized (groups) {
            group = groups.computeIfAbsent(source.key(), k -> new Group(source));
        }
        Run run = new Run(group, state, policy, listener);
        synchronized (group) {
            group.runs++;
            group.add(run, state.nextPollInstant());
            group.wake();
        }
        return run;
    }

    /** How many waits are running; for tests and reports. */
    public int activeWaits() {
        List<Group> all;
        synchronized (groups) {
            all = new ArrayList<>(groups.values());
        }
        int n = 0;
        for (Group g : all) {
            synchronized (g) {
                n += g.runs;
            }
        }
        return n;
    }

    /** Drops an account's group once its last wait ended, so that the engine holds no reader it no longer needs. */
    private void release(Group group) {
        synchronized (groups) {
            if (groups.get(group.source.key()) == group) {
                groups.remove(group.source.key());
            }
        }
    }

    /** The waits of one {@link PollSource} key. All fields are guarded by the group's monitor. */
    private final class Group {
        private final PollSource source;
        private final TreeSet<Run> queue = new TreeSet<>();
        private final Map<BuildRef, Set<Run>> byRef = new HashMap<>();
        private int runs;
        private int sparse;
        private int inFlight;
        private Scheduler.Cancellable pumpTask;
        private Instant pumpAt;

        Group(PollSource source) {
            this.source = source;
        }

        void add(Run run, Instant at) {
            Instant when = at.isAfter(run.state.deadlineInstant()) ? run.state.deadlineInstant() : at;
            run.dueAt = when;
            run.seq = sequence.incrementAndGet();
            run.state = run.state.scheduled(when);
            run.listener.saved(run.state);
            queue.add(run);
            byRef.computeIfAbsent(run.state.ref(), r -> new LinkedHashSet<>()).add(run);
        }

        void remove(Run run) {
            queue.remove(run);
            Set<Run> same = byRef.get(run.state.ref());
            if (same != null) {
                same.remove(run);
                if (same.isEmpty()) {
                    byRef.remove(run.state.ref());
                }
            }
        }

        /**
         * Arms the pump for the first due poll; polls always start from a scheduler task, never inside a caller's
         * call (start, a read's completion, cancel), so that no call chain can grow with the number of polls.
         */
        void wake() {
            if (!queue.isEmpty()) {
                Instant now = scheduler.now();
                Instant due = queue.first().dueAt;
                arm(due.isBefore(now) ? now : due);
            }
        }

        /** Sends every due poll the budget allows now, then arms the pump for the next one. */
        void pump() {
            Instant now = scheduler.now();
            while (inFlight < MAX_IN_FLIGHT && !queue.isEmpty()) {
                Run head = queue.first();
                if (head.dueAt.isAfter(now)) {
                    arm(head.dueAt);
                    return;
                }
                if (!now.isBefore(head.state.deadlineInstant())) {
                    remove(head);
                    head.timedOut();
                    continue;
                }
                Instant slot = source.budget().nextSlot(now);
                if (slot.isAfter(now)) {
                    arm(slot.isAfter(head.state.deadlineInstant()) ? head.state.deadlineInstant() : slot);
                    return;
                }
                source.budget().acquire(now);
                send(takeBatch());
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
            pumpTask = scheduler.schedule(this::tick, Duration.between(scheduler.now(), at));
        }

        private void tick() {
            synchronized (this) {
                pumpTask = null;
                pumpAt = null;
                pump();
            }
        }

        /** The head, every other wait on the same build, and (batching) the most urgent other builds. */
        private Map<BuildRef, List<Run>> takeBatch() {
            Map<BuildRef, List<Run>> batch = new LinkedHashMap<>();
            Run head = queue.first();
            takeRef(head.state.ref(), batch);
            if (source.maxBatch() > 1) {
                // Walk the queue in order without copying it (it may hold thousands of waits); take afterwards.
                Instant now = scheduler.now();
                Set<BuildRef> more = new LinkedHashSet<>();
                for (Run r : queue) {
                    if (batch.size() + more.size() >= source.maxBatch()) {
                        break;
                    }
                    if (!batch.containsKey(r.state.ref()) && r.state.deadlineInstant().isAfter(now)) {
                        more.add(r.state.ref());
                    }
                }
                for (BuildRef ref : more) {
                    takeRef(ref, batch);
                }
            }
            return batch;
        }

        private void takeRef(BuildRef ref, Map<BuildRef, List<Run>> batch) {
            List<Run> same = new ArrayList<>(byRef.getOrDefault(ref, Set.of()));
            for (Run r : same) {
                remove(r);
                r.inFlight = true;
            }
            batch.put(ref, same);
        }

        private void send(Map<BuildRef, List<Run>> batch) {
            inFlight++;
            List<BuildRef> refs = List.copyOf(batch.keySet());
            try {
                io.execute(() -> read(refs, batch));
            } catch (RejectedExecutionException e) {
                inFlight--;
                for (List<Run> runs : batch.values()) {
                    for (Run r : runs) {
                        r.inFlight = false;
                        r.finish(WaitOutcome.Result.ERROR, FailureKind.TRANSIENT, "no thread to poll " + r.state.ref().url());
                    }
                }
            }
        }

        private void read(List<BuildRef> refs, Map<BuildRef, List<Run>> batch) {
            Map<BuildRef, Object> results;
            Throwable failure = null;
            try {
                results = source.reader().read(refs);
            } catch (Exception | LinkageError e) {
                // Boundary of a scheduled task: anything escaping here would leave the waits hanging forever.
                results = Map.of();
                failure = e;
            }
            synchronized (this) {
                inFlight--;
                for (Map.Entry<BuildRef, List<Run>> e : batch.entrySet()) {
                    Object result = failure != null ? failure : results.get(e.getKey());
                    for (Run r : e.getValue()) {
                        r.inFlight = false;
                        if (result instanceof BuildStatus status) {
                            r.observed(status);
                        } else if (result instanceof Throwable t) {
                            r.failed(t);
                        } else {
                            r.failed(new MissingFromBatch(e.getKey()));
                        }
                    }
                }
                wake();
            }
        }

        /**
         * The dense poll interval the budget allows near an expected end: a share ({@link #NEAR_END_SHARE}) of the
         * group's waits is near its end at any time, so each may poll every {@code share × waits / (rate × batch)}.
         */
        Duration denseInterval() {
            double rate = source.budget().rate();
            if (Double.isInfinite(rate)) {
                return Duration.ZERO;
            }
            double seconds = NEAR_END_SHARE * Math.max(1, runs) / (rate * source.maxBatch());
            return Duration.ofMillis(Math.round(seconds * 1000));
        }

        /** The pace the budget allows each active wait: active waits / (usable rate × builds per request). */
        Duration fairInterval() {
            RateBudget budget = source.budget();
            double rate = budget.rate();
            if (Double.isInfinite(rate)) {
                return Duration.ZERO;
            }
            int active = Math.max(1, runs - sparse);
            double seconds = active / (UTILIZATION * rate * source.maxBatch());
            return Duration.ofMillis(Math.round(seconds * 1000));
        }
    }

    /** A build a batch answer did not mention: as the providers' batch reads report unknown ids. */
    static final class MissingFromBatch extends Exception implements ClassifiedFailure {
        private static final long serialVersionUID = 1L;

        MissingFromBatch(BuildRef ref) {
            super("the provider's answer did not include " + ref.url());
        }

        @Override
        public FailureKind kind() {
            return FailureKind.NOT_FOUND;
        }
    }

    private final class Run implements Handle, Comparable<Run> {
        private final Group group;
        private final WaitPolicy policy;
        private final Listener listener;
        private WaitState state;
        private Instant dueAt;
        private long seq;
        private boolean done;
        private boolean inFlight;
        private boolean sparse;

        Run(Group group, WaitState state, WaitPolicy policy, Listener listener) {
            this.group = group;
            this.state = Objects.requireNonNull(state, "state");
            this.policy = Objects.requireNonNull(policy, "policy");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        @Override
        public int compareTo(Run o) {
            int c = dueAt.compareTo(o.dueAt);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public WaitState state() {
            synchronized (group) {
                return state;
            }
        }

        @Override
        public boolean done() {
            synchronized (group) {
                return done;
            }
        }

        @Override
        public void cancel() {
            synchronized (group) {
                if (!done && !inFlight) {
                    group.remove(this);
                }
                finish(WaitOutcome.Result.CANCELLED, null, "wait cancelled");
                if (group.queue.isEmpty() && group.pumpTask != null) {
                    group.pumpTask.cancel();
                    group.pumpTask = null;
                    group.pumpAt = null;
                }
            }
        }

        void timedOut() {
            finish(WaitOutcome.Result.TIMED_OUT, null, "timed out after "
                    + Duration.ofMillis(state.deadline() - state.startedAt()) + " waiting for " + state.ref().url()
                    + lastSeen());
        }

        private void scheduleIn(Duration delay) {
            if (!done) {
                group.add(this, scheduler.now().plus(delay));
            }
        }

        void observed(BuildStatus status) {
            if (done) {
                return;
            }
            Instant now = scheduler.now();
            BuildStatus previous = state.status();
            boolean changed = state.changes(status);
            state = state.observed(status, now);
            if (changed) {
                listener.statusChanged(state, previous);
            }
            if (status.terminal()) {
                boolean ok = status.succeeded();
                finish(ok ? WaitOutcome.Result.SUCCEEDED : WaitOutcome.Result.FAILED, null,
                        state.ref().url() + " ended " + status);
            } else if (status.state() == BuildStatus.State.MANUAL && policy.stopOnManual()) {
                finish(WaitOutcome.Result.BLOCKED, null,
                        state.ref().url() + " waits for a manual action (" + status.raw() + ")");
            } else if (state.unknowns() >= policy.maxUnknown()) {
                finish(WaitOutcome.Result.ERROR, FailureKind.BAD_RESPONSE, state.ref().url() + " reported an unknown status '"
                        + status.raw() + "' " + state.unknowns() + " times in a row");
            } else if (queuedTooLong(status, now)) {
                finish(WaitOutcome.Result.STUCK, null, state.ref().url() + " has been queued (" + status.raw()
                        + ") for more than " + policy.maxQueued().toMinutes() + " minutes; is a runner or agent available?");
            } else {
                scheduleIn(nextDelay(now));
            }
        }

        private boolean queuedTooLong(BuildStatus status, Instant now) {
            return status.state() == BuildStatus.State.QUEUED && !policy.maxQueued().isZero()
                    && now.toEpochMilli() - state.lastChangeAt() > policy.maxQueued().toMillis();
        }

        /** See the class comment: hint-driven when the end can be expected, else exponential; budget-aware. */
        private Duration nextDelay(Instant now) {
            Optional<Instant> end = state.expectedEnd();
            double sample = random.getAsDouble();
            boolean wasSparse = sparse;
            Duration delay;
            if (end.isPresent()) {
                long dense = Math.max(policy.densePoll().toMillis(), group.denseInterval().toMillis());
                long window = Math.max(dense, Math.round(WINDOW * state.expectedMillis()));
                long t = now.toEpochMilli();
                long toWindow = end.get().toEpochMilli() - window - t;
                long overdue = t - end.get().toEpochMilli();
                long millis;
                if (toWindow > dense) {
                    millis = Math.max(dense, toWindow / 2);
                    sparse = true;
                } else {
                    // In the window, and past the end: dense, stretching slowly once well overdue, never past the
                    // poll cap (a build that started long ago, or a wrong hint, must still be seen to end).
                    millis = overdue > window
                            ? Math.min(dense + (overdue - window) / 4, Math.max(dense, policy.cap().toMillis()))
                            : dense;
                    sparse = false;
                }
                double spread = policy.jitter() / 4;
                delay = Duration.ofMillis(Math.round(millis * (1 - spread + 2 * spread * sample)));
            } else {
                sparse = false;
                delay = policy.delay(state.polls() - 1, sample, Optional.empty());
                Duration fair = group.fairInterval();
                if (fair.compareTo(delay) > 0) {
                    delay = fair;
                }
            }
            if (sparse != wasSparse) {
                group.sparse += sparse ? 1 : -1;
            }
            return delay;
        }

        void failed(Throwable e) {
            if (done) {
                return;
            }
            FailureKind kind = FailureKind.of(e);
            Optional<Duration> retryAfter = e instanceof ClassifiedFailure c ? c.retryAfter() : Optional.empty();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!(e instanceof ClassifiedFailure)) {
                LOGGER.log(Level.FINE, "unclassified failure polling " + state.ref().url(), e);
            }
            if (kind == FailureKind.RATE_LIMITED) {
                group.source.budget().pause(scheduler.now().plus(retryAfter.orElse(policy.firstPoll())));
            }
            state = state.failed();
            if (kind == FailureKind.NOT_FOUND && state.seen()) {
                finish(WaitOutcome.Result.ERROR, kind, state.ref().url() + " disappeared: it was seen, then the provider "
                        + "answered not found (" + message + ")");
            } else if (!kind.retryable()) {
                finish(WaitOutcome.Result.ERROR, kind, message);
            } else if (state.errors() > policy.maxErrors()) {
                finish(WaitOutcome.Result.ERROR, kind, "gave up after " + state.errors() + " failed polls in a row: " + message);
            } else {
                Duration delay = policy.delay(state.polls() - 1, random.getAsDouble(), retryAfter);
                listener.pollFailed(state, kind, message, delay);
                scheduleIn(delay);
            }
        }

        private String lastSeen() {
            return state.status() == null ? " (no status seen)" : " (last status " + state.status() + ")";
        }

        void finish(WaitOutcome.Result result, FailureKind kind, String message) {
            if (done) {
                return;
            }
            done = true;
            group.runs--;
            if (group.runs == 0) {
                release(group);
            }
            if (sparse) {
                group.sparse--;
                sparse = false;
            }
            listener.saved(state);
            listener.finished(new WaitOutcome(result, state, kind, message));
        }
    }
}
