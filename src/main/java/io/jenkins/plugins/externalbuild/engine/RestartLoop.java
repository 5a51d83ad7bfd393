package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Restarts a build and waits for it, restarting again while it keeps failing, without holding a thread:
 * every step is a short task on the {@link Scheduler}, every provider call runs on the {@code io} executor,
 * waiting is delegated to the {@link WaitEngine}. Also runs plain waits ({@link RestartState#forWait}).
 *
 * <p>Phases ({@link RestartState.Phase}): {@code READ_FIRST} → {@code RESTART_DUE} → {@code RESTARTING} →
 * {@code WAITING} → ({@code RESTART_DUE} again while the policy allows) → {@code DONE}. Each transition is
 * reported to {@link Listener#saved} before the work it announces, so a resumed loop continues where it was.
 *
 * <p><b>No restart is sent twice.</b> The state moves to {@code RESTARTING} (and is saved) before the restart
 * request goes out. A loop resumed in {@code RESTARTING} does not know whether the provider received it, so
 * it reads the build instead: if it runs again, the restart took and the wait goes on; otherwise the loop
 * ends with an error naming the build, rather than risk a duplicate build.
 *
 * <p>Thread-safety: transitions are serialized on the handle. Calls into the {@link WaitEngine} that can take
 * its lock are made outside ours (its listener calls us under its lock).
 */
public final class RestartLoop {

    private static final Logger LOGGER = Logger.getLogger(RestartLoop.class.getName());
    /** Where in the policy's jitter band a retried read falls: the middle (one loop, nothing to spread). */
    private static final double JITTER_MIDDLE = 0.5;

    private final Scheduler scheduler;
    private final Executor io;
    private final WaitEngine waits;
    private final RestartLedger ledger;

    public RestartLoop(Scheduler scheduler, Executor io, DoubleSupplier random) {
        this(new WaitEngine(scheduler, io, random), io, RestartLedger.none());
    }

    /**
     * A loop whose waits run on a shared engine, so that every wait on one provider account shares its budget,
     * its coalesced polls and its batched reads (the host owns one engine for the JVM).
     */
    public RestartLoop(WaitEngine waits, Executor io, RestartLedger ledger) {
        this.waits = Objects.requireNonNull(waits, "waits");
        this.scheduler = waits.scheduler();
        this.io = Objects.requireNonNull(io, "io");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** What a loop reports. Only {@link #finished} is required. Calls come from scheduler or io threads. */
    public interface Listener {
        /** The current attempt's status differs from the one seen before ({@code previous} null on the first read). */
        default void statusChanged(RestartState state, BuildStatus previous) {
        }

        /** A restart was accepted: {@code state} now waits on the new attempt. */
        default void restarted(RestartState state, Attempt from, RestartMode mode) {
        }

        /** The attempt failed and will be restarted after {@code delay}; {@code reason} says why it qualifies. */
        default void restartScheduled(RestartState state, Duration delay, String reason) {
        }

        /** A read failed (or a restart failed in its reads, before sending anything) and is tried again after {@code delay}. */
        default void retrying(RestartState state, FailureKind kind, String message, Duration delay) {
        }

        /** Persist {@code state} if the loop must survive a restart of the process. */
        default void saved(RestartState state) {
        }

        /** The loop ended. Called exactly once. */
        void finished(RestartOutcome outcome);
    }

    /** A running loop. */
    public interface Handle {
        /**
         * Stops the loop and applies the policy's {@link RestartPolicy.OnAbort}: with {@code CANCEL} a running
         * remote build is cancelled first. The listener then gets {@link RestartOutcome.Result#CANCELLED}, unless
         * the loop had already finished. Safe to call more than once.
         */
        void stop();

        RestartState state();

        boolean done();
    }

    /** Starts a loop from a fresh state, or resumes one from a restored state, in whichever phase it was. */
    public Handle start(RestartState state, RestartPolicy restart, WaitPolicy wait, BuildOperations ops,
                        Listener listener) {
        Run run = new Run(state, restart, wait, ops, listener);
        run.begin();
        return run;
    }

    private final class Run implements Handle {
        private final RestartPolicy policy;
        private final WaitPolicy waitPolicy;
        private final BuildOperations ops;
        private final Listener listener;
        private RestartState state;
        private Scheduler.Cancellable task;
        private WaitEngine.Handle waiting;
        private boolean done;
        private boolean stopping;

        Run(RestartState state, RestartPolicy policy, WaitPolicy waitPolicy, BuildOperations ops, Listener listener) {
            this.state = Objects.requireNonNull(state, "state");
            this.policy = Objects.requireNonNull(policy, "policy");
            this.waitPolicy = Objects.requireNonNull(waitPolicy, "waitPolicy");
            this.ops = Objects.requireNonNull(ops, "ops");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        @Override
        public synchronized RestartState state() {
            return state;
        }

        @Override
        public synchronized boolean done() {
            return done;
        }

        void begin() {
            RestartState s = state();
            switch (s.phase()) {
                case READ_FIRST -> onIo(this::readFirst);
                case RESTART_DUE -> scheduleRestart(s.restartInstant());
                case RESTARTING -> onIo(this::confirmInterruptedRestart);
                case WAITING -> startWait();
                case DONE -> deliver(s);
            }
        }

        // ---- reading the original build --------------------------------------------------------------

        private void readFirst() {
            BuildRef ref;
            synchronized (this) {
                if (done) {
                    return;
                }
                ref = state.waitState().ref();
            }
            BuildStatus status;
            try {
                status = ops.status(ref);
            } catch (Exception | LinkageError e) {
                retryAt(e, "could not read " + ref.url() + " before restarting it").ifPresent(at -> later(this::readFirst, at));
                return;
            }
            synchronized (this) {
                if (done) {
                    return;
                }
                state = state.withWait(state.waitState().observed(status, scheduler.now()));
                listener.statusChanged(state, null);
            }
            scheduleRestart(scheduler.now());
        }

        // ---- restarting --------------------------------------------------------------------------------

        private synchronized void scheduleRestart(Instant at) {
            if (done) {
                return;
            }
            if (!at.isBefore(state.waitState().deadlineInstant())) {
                finish(RestartOutcome.Result.TIMED_OUT, null, "timed out before restarting " + state.waitState().ref().url()
                        + " (last status " + state.waitState().status() + ")", List.of());
                return;
            }
            state = state.restartDue(at);
            listener.saved(state);
            later(this::restart, at);
        }

        private void restart() {
            Attempt current;
            synchronized (this) {
                if (done || state.phase() != RestartState.Phase.RESTART_DUE) {
                    return; // the guard: only a due restart is ever sent, and only once
                }
                state = state.restarting();
                listener.saved(state);
                current = state.waitState().currentAttempt();
            }
            Optional<Attempt> known = ledger.restartOf(current, scheduler.now());
            if (known.isPresent()) {
                // A replayed Pipeline or re-run step: this very attempt was restarted already; follow that restart.
                LOGGER.fine(() -> current.ref().url() + " attempt " + current.number() + " was already restarted as "
                        + known.get().ref().url() + "; following it instead of restarting again");
                accepted(current, known.get());
                return;
            }
            Attempt next;
            try {
                next = ops.restart(current, policy.mode());
            } catch (Exception | LinkageError e) {
                String what = "could not restart " + current.ref().url();
                if (e instanceof ClassifiedFailure c && c.changedNothing()) {
                    // It failed in its reads before sending the restart: trying it again cannot restart twice.
                    retryAt(e, what).ifPresent(this::scheduleRestart);
                } else {
                    failWith(e, what);
                }
                return;
            }
            ledger.record(current, next, scheduler.now());
            accepted(current, next);
        }

        private void accepted(Attempt current, Attempt next) {
            boolean cancelNew;
            synchronized (this) {
                if (done) {
                    return;
                }
                state = state.restarted(next, scheduler.now(), waitPolicy.firstPoll());
                listener.restarted(state, current, policy.mode());
                listener.saved(state);
                cancelNew = stopping;
                if (!cancelNew && !policy.waitForEnd()) {
                    finish(RestartOutcome.Result.RESTARTED, null, "restarted " + current.ref().url() + ": attempt "
                            + next.number() + " is " + next.ref().url(), List.of());
                    return;
                }
            }
            if (cancelNew) {
                cancelRemote(next.ref(), "stopped while restarting");
            } else {
                startWait();
            }
        }

        /** Resumed in RESTARTING: never send the restart again; find out whether it took. */
        private void confirmInterruptedRestart() {
            Attempt current;
            synchronized (this) {
                if (done) {
                    return;
                }
                current = state.waitState().currentAttempt();
            }
            BuildStatus status;
            try {
                status = ops.status(current.ref());
            } catch (Exception | LinkageError e) {
                retryAt(e, "could not confirm the restart of " + current.ref().url())
                        .ifPresent(at -> later(this::confirmInterruptedRestart, at));
                return;
            }
            if (!status.terminal()) {
                accepted(current, current.next(current.ref()));
                return;
            }
            synchronized (this) {
                finish(RestartOutcome.Result.ERROR, FailureKind.NOT_RESTARTABLE, "the process restarted while "
                        + current.ref().url() + " was being restarted; whether the provider received that restart is "
                        + "unknown and it is not sent twice (the build is " + status + "). Check the build and restart it "
                        + "by hand if needed.", List.of());
            }
        }

        // ---- waiting -----------------------------------------------------------------------------------

        private void startWait() {
            WaitState from;
            synchronized (this) {
                if (done) {
                    return;
                }
                from = state.waitState();
            }
            WaitEngine.Handle h = waits.start(from, waitPolicy, ops.pollSource(), new WaitEngine.Listener() {
                @Override
                public void statusChanged(WaitState s, BuildStatus previous) {
                    synchronized (Run.this) {
                        if (!done) {
                            state = state.withWait(s);
                            listener.statusChanged(state, previous);
                        }
                    }
                }

                @Override
                public void saved(WaitState s) {
                    synchronized (Run.this) {
                        if (!done && state.phase() == RestartState.Phase.WAITING) {
                            state = state.withWait(s);
                            listener.saved(state);
                        }
                    }
                }

                @Override
                public void finished(WaitOutcome outcome) {
                    waitEnded(outcome);
                }
            });
            boolean cancel;
            synchronized (this) {
                waiting = h;
                cancel = stopping;
            }
            if (cancel) {
                h.cancel(); // stop() ran before the handle was known
            }
        }

        private void waitEnded(WaitOutcome outcome) {
            synchronized (this) {
                if (done || stopping) {
                    return; // a stop() cancelled the wait and finishes the loop itself
                }
                state = state.withWait(outcome.state());
                if (outcome.result() != WaitOutcome.Result.FAILED) {
                    finish(RestartOutcome.Result.of(outcome.result()), outcome.failure(), outcome.message(), List.of());
                    return;
                }
            }
            onIo(() -> afterFailure(outcome.message()));
        }

        /** The attempt ended without success: restart again if the policy allows, else end FAILED. */
        private void afterFailure(String message) {
            RestartState s = state();
            BuildStatus status = s.waitState().status();
            String refused = null;
            if (!policy.waitForEnd() || s.restarts() >= policy.attempts()) {
                refused = s.restarts() == 0 ? null : "no restart left (" + s.restarts() + " of " + policy.attempts() + " done)";
            } else if (status == null || status.state() != BuildStatus.State.FAILED) {
                refused = "not restarted: it ended " + status + ", not failed";
            } else if (policy.retryOn() == RestartPolicy.RetryOn.TRANSIENT) {
                FailureCause cause;
                try {
                    cause = ops.failureCause(s.waitState().ref(), status);
                } catch (Exception | LinkageError e) {
                    LOGGER.log(Level.FINE, "could not classify the failure of " + s.waitState().ref().url(), e);
                    cause = FailureCause.UNCLASSIFIED;
                }
                if (cause != FailureCause.TRANSIENT) {
                    refused = "not restarted: the failure is " + cause.name().toLowerCase(java.util.Locale.ROOT)
                            + ", and retryOn is 'transient'";
                }
            }
            if (refused != null || s.restarts() >= policy.attempts()) {
                List<String> jobs = failedJobs(s.waitState().ref(), status);
                synchronized (this) {
                    finish(RestartOutcome.Result.FAILED, null, refused == null ? message : message + "; " + refused, jobs);
                }
                return;
            }
            int n = s.restarts() + 1;
            Duration delay = policy.delayBefore(n);
            synchronized (this) {
                if (done || stopping) {
                    return;
                }
                listener.restartScheduled(state, delay, message + "; restart " + n + " of " + policy.attempts());
            }
            scheduleRestart(scheduler.now().plus(delay));
        }

        private List<String> failedJobs(BuildRef ref, BuildStatus status) {
            if (status == null || status.state() != BuildStatus.State.FAILED) {
                return List.of();
            }
            try {
                return ops.failedJobs(ref);
            } catch (Exception | LinkageError e) {
                LOGGER.log(Level.FINE, "could not list the failed jobs of " + ref.url(), e);
                return List.of();
            }
        }

        // ---- stopping ----------------------------------------------------------------------------------

        @Override
        public void stop() {
            Scheduler.Cancellable t;
            WaitEngine.Handle w;
            RestartState.Phase phase;
            BuildRef ref;
            synchronized (this) {
                if (done || stopping) {
                    return;
                }
                stopping = true;
                t = task;
                w = waiting;
                phase = state.phase();
                ref = state.waitState().ref();
            }
            if (t != null) {
                t.cancel();
            }
            if (w != null) {
                w.cancel(); // outside our lock: the wait calls back into us under its own
            }
            switch (phase) {
                case RESTARTING -> {
                    // The restart in flight finishes the loop: accepted() cancels the new attempt, failWith() ends it.
                    // A pending task here is a retry of the read that confirms an interrupted restart: nothing runs.
                    if (t != null) {
                        synchronized (this) {
                            finish(RestartOutcome.Result.CANCELLED, null, "stopped while confirming the restart of "
                                    + ref.url(), List.of());
                        }
                    }
                }
                case WAITING -> cancelRemote(ref, "stopped");
                default -> {
                    synchronized (this) {
                        finish(RestartOutcome.Result.CANCELLED, null, "stopped; no remote build of ours was running ("
                                + ref.url() + " is " + state.waitState().status() + ")", List.of());
                    }
                }
            }
        }

        private void cancelRemote(BuildRef ref, String why) {
            if (policy.onAbort() == RestartPolicy.OnAbort.LEAVE) {
                synchronized (this) {
                    finish(RestartOutcome.Result.CANCELLED, null, why + "; left " + ref.url() + " running (onAbort: leave)",
                            List.of());
                }
                return;
            }
            onIo(() -> {
                String message;
                try {
                    ops.cancel(ref);
                    message = why + "; cancelled " + ref.url();
                } catch (Exception | LinkageError e) {
                    message = why + "; could not cancel " + ref.url() + ": " + messageOf(e);
                }
                synchronized (this) {
                    finish(RestartOutcome.Result.CANCELLED, null, message, List.of());
                }
            });
        }

        // ---- retrying reads -----------------------------------------------------------------------------

        /**
         * A read failed, or a restart failed in its reads before sending anything: as a wait's poll, it is tried again
         * after the wait policy's delay (never earlier than a {@code Retry-After}) while the failure may pass, fewer than
         * {@code maxErrors} tries in a row failed and the try falls before the deadline. Returns when; otherwise ends the
         * loop with the failure and returns empty.
         */
        private Optional<Instant> retryAt(Throwable e, String what) {
            FailureKind kind = e instanceof ClassifiedFailure c ? c.kind() : FailureKind.TRANSIENT;
            Optional<Duration> retryAfter = e instanceof ClassifiedFailure c ? c.retryAfter() : Optional.empty();
            synchronized (this) {
                if (done) {
                    return Optional.empty();
                }
                WaitState failed = state.waitState().failed();
                Duration delay = waitPolicy.delay(failed.errors() - 1, JITTER_MIDDLE, retryAfter);
                Instant at = scheduler.now().plus(delay);
                if (!stopping && kind.retryable() && failed.errors() <= waitPolicy.maxErrors()
                        && at.isBefore(failed.deadlineInstant())) {
                    state = state.withWait(failed);
                    listener.saved(state);
                    listener.retrying(state, kind, what + ": " + messageOf(e), delay);
                    return Optional.of(at);
                }
            }
            failWith(e, what);
            return Optional.empty();
        }

        /** Runs {@code work} on the io executor at {@code at}; {@link #task} names it until it starts. */
        private synchronized void later(Runnable work, Instant at) {
            if (done) {
                return;
            }
            task = scheduler.schedule(() -> {
                synchronized (this) {
                    task = null;
                }
                onIo(work);
            }, Duration.between(scheduler.now(), at));
        }

        // ---- ending ------------------------------------------------------------------------------------

        private void failWith(Throwable e, String what) {
            FailureKind kind = e instanceof ClassifiedFailure c ? c.kind() : FailureKind.TRANSIENT;
            if (!(e instanceof ClassifiedFailure)) {
                LOGGER.log(Level.FINE, what, e);
            }
            synchronized (this) {
                if (stopping && !done) {
                    finish(RestartOutcome.Result.CANCELLED, null, "stopped; " + what + ": " + messageOf(e), List.of());
                } else {
                    finish(RestartOutcome.Result.ERROR, kind, what + ": " + messageOf(e), List.of());
                }
            }
        }

        private void onIo(Runnable work) {
            try {
                io.execute(work);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    finish(RestartOutcome.Result.ERROR, FailureKind.TRANSIENT, "no thread to call "
                            + state.waitState().ref().url(), List.of());
                }
            }
        }

        /** Resumed after it had ended: report the recorded outcome again (the owner may not have seen it). */
        private synchronized void deliver(RestartState finished) {
            done = true;
            listener.finished(RestartOutcome.of(finished));
        }

        private void finish(RestartOutcome.Result result, FailureKind kind, String message, List<String> jobs) {
            if (done) {
                return;
            }
            done = true;
            state = state.done(result, kind, message, jobs);
            listener.saved(state);
            listener.finished(RestartOutcome.of(state));
        }
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
