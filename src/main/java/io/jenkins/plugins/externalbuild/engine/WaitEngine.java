package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Runs waits without holding a thread. Waits are grouped by their {@link PollSource} key (one provider account,
 * a {@link PollGroup}): a group keeps its waits ordered by when each wants its next poll ({@link PollQueue}), and
 * one pump task on the {@link Scheduler} sends the due polls as its {@link RateBudget} allows — reading the same
 * build once for every wait on it (coalescing) and up to {@link PollSource#maxBatch()} builds per request where
 * the provider can (batching). The blocking read runs on the {@code io} executor (a small bounded pool); its
 * result schedules each wait's next poll ({@link Pacing}) or ends it ({@link WaitRun}).
 *
 * <p>Every wait ends: by a terminal status, a manual block, the overall timeout, a build queued longer than the
 * policy allows, a non-retryable failure, too many failures or unknown statuses in a row, or
 * {@link Handle#cancel()}.
 *
 * <p>Thread-safety: each group's transitions are serialized on the group; listeners are called with it held,
 * one call at a time per wait.
 */
public final class WaitEngine {

    final Scheduler scheduler;
    final Executor io;
    final DoubleSupplier random;
    private final Map<String, PollGroup> groups = new HashMap<>();
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
        PollGroup group;
        synchronized (groups) {
            group = groups.computeIfAbsent(source.key(), k -> new PollGroup(this, source));
        }
        WaitRun run = new WaitRun(group, state, policy, listener);
        synchronized (group) {
            group.runs++;
            group.add(run, run.firstPoll());
            group.wake();
        }
        return run;
    }

    /**
     * A request to a provider account outside the poll schedule: a restart's reads, the restart itself, the failed
     * jobs' read, a cancel. It runs on the io executor once the account's budget has a slot for it.
     */
    public interface Request extends Runnable {
        /** Whether it is still to be sent; asked, with the group's lock held, before it takes a slot. */
        default boolean wanted() {
            return true;
        }

        /** The io executor refused it; nothing was sent. */
        void refused();
    }

    /**
     * Sends {@code request} through the budget of {@code source}'s account, before that account's polls: it
     * takes the next free slot (the first request it makes is that slot; any further one is booked as it goes,
     * {@link RateBudget#spend}), and while none is free it waits on the scheduler, holding no thread.
     */
    public void call(PollSource source, Request request) {
        PollGroup group;
        synchronized (groups) {
            group = groups.computeIfAbsent(source.key(), k -> new PollGroup(this, source));
        }
        synchronized (group) {
            group.call(request);
        }
    }

    /** How many waits are running; for tests and reports. */
    public int activeWaits() {
        int n = 0;
        for (PollGroup g : groups()) {
            synchronized (g) {
                n += g.runs;
            }
        }
        return n;
    }

    /** Queue entries looked at to choose batches so far in the group of {@code key}; for tests. */
    long batchVisits(String key) {
        PollGroup g;
        synchronized (groups) {
            g = groups.get(key);
        }
        if (g == null) {
            return 0;
        }
        synchronized (g) {
            return g.queue.visited();
        }
    }

    private List<PollGroup> groups() {
        synchronized (groups) {
            return new ArrayList<>(groups.values());
        }
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** Drops an account's group once its last wait ended, so that the engine holds no reader it no longer needs. */
    void release(PollGroup group) {
        synchronized (groups) {
            if (groups.get(group.source.key()) == group) {
                groups.remove(group.source.key());
            }
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
}
