package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs waits without holding a thread: each poll is a task on the {@link Scheduler}, the blocking read
 * runs on the {@code io} executor (a small bounded pool), and the result schedules the next poll or
 * ends the wait. Every wait ends: by a terminal status, a manual block, the overall timeout, a
 * non-retryable failure, too many failures or unknown statuses in a row, or {@link Handle#cancel()}.
 *
 * <p>Thread-safety: a wait's transitions are serialized on its handle; listeners are called on
 * scheduler or io threads, one call at a time per wait.
 */
public final class WaitEngine {

    private static final Logger LOGGER = Logger.getLogger(WaitEngine.class.getName());

    private final Scheduler scheduler;
    private final Executor io;
    private final DoubleSupplier random;

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

    /** Starts (or resumes, from a restored state) a wait; the first poll runs at {@code state.nextPollAt()}. */
    public Handle start(WaitState state, WaitPolicy policy, StatusReader reader, Listener listener) {
        Run run = new Run(state, policy, reader, listener);
        run.scheduleAt(state.nextPollInstant());
        return run;
    }

    private final class Run implements Handle {
        private final WaitPolicy policy;
        private final StatusReader reader;
        private final Listener listener;
        private WaitState state;
        private Scheduler.Cancellable task;
        private boolean done;

        Run(WaitState state, WaitPolicy policy, StatusReader reader, Listener listener) {
            this.state = Objects.requireNonNull(state, "state");
            this.policy = Objects.requireNonNull(policy, "policy");
            this.reader = Objects.requireNonNull(reader, "reader");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        @Override
        public synchronized WaitState state() {
            return state;
        }

        @Override
        public synchronized boolean done() {
            return done;
        }

        @Override
        public synchronized void cancel() {
            if (task != null) {
                task.cancel();
            }
            finish(WaitOutcome.Result.CANCELLED, null, "wait cancelled");
        }

        private synchronized void scheduleAt(Instant at) {
            if (done) {
                return;
            }
            Instant now = scheduler.now();
            Instant deadline = state.deadlineInstant();
            Instant when = at.isAfter(deadline) ? deadline : at;
            state = state.scheduled(when);
            listener.saved(state);
            task = scheduler.schedule(this::tick, Duration.between(now, when));
        }

        private void tick() {
            synchronized (this) {
                if (done) {
                    return;
                }
                if (!scheduler.now().isBefore(state.deadlineInstant())) {
                    finish(WaitOutcome.Result.TIMED_OUT, null, "timed out after "
                            + Duration.ofMillis(state.deadline() - state.startedAt()) + " waiting for "
                            + state.ref().url() + lastSeen());
                    return;
                }
            }
            try {
                io.execute(this::poll);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    finish(WaitOutcome.Result.ERROR, FailureKind.TRANSIENT, "no thread to poll " + state.ref().url());
                }
            }
        }

        private void poll() {
            BuildRef ref;
            synchronized (this) {
                if (done) {
                    return;
                }
                ref = state.ref();
            }
            BuildStatus status;
            try {
                status = reader.read(ref);
            } catch (Exception | LinkageError e) {
                // Boundary of a scheduled task: anything escaping here would leave the wait hanging forever.
                failed(e);
                return;
            }
            observed(status);
        }

        private synchronized void observed(BuildStatus status) {
            if (done) {
                return;
            }
            BuildStatus previous = state.status();
            boolean changed = state.changes(status);
            state = state.observed(status, scheduler.now());
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
            } else {
                Duration delay = policy.delay(state.polls() - 1, random.getAsDouble(), Optional.empty());
                scheduleAt(scheduler.now().plus(delay));
            }
        }

        private synchronized void failed(Throwable e) {
            if (done) {
                return;
            }
            FailureKind kind = e instanceof ClassifiedFailure c ? c.kind() : FailureKind.TRANSIENT;
            Optional<Duration> retryAfter = e instanceof ClassifiedFailure c ? c.retryAfter() : Optional.empty();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!(e instanceof ClassifiedFailure)) {
                LOGGER.log(Level.FINE, "unclassified failure polling " + state.ref().url(), e);
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
                scheduleAt(scheduler.now().plus(delay));
            }
        }

        private String lastSeen() {
            return state.status() == null ? " (no status seen)" : " (last status " + state.status() + ")";
        }

        private void finish(WaitOutcome.Result result, FailureKind kind, String message) {
            if (done) {
                return;
            }
            done = true;
            listener.saved(state);
            listener.finished(new WaitOutcome(result, state, kind, message));
        }
    }
}
