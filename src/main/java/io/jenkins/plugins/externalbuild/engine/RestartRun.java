package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running {@link RestartLoop}: its state, and how it starts, retries a failed read, stops and ends. The phases
 * themselves are {@link RestartPhase} (reading and restarting) and {@link AttemptWait} (waiting, restarting again).
 *
 * <p>The fields below the lock comment are guarded by this object's monitor; the phases take it too
 * ({@code synchronized (run)}), so that every transition of one loop happens one at a time.
 */
final class RestartRun implements RestartLoop.Handle {

    private static final Logger LOGGER = Logger.getLogger(RestartLoop.class.getName());

    final Scheduler scheduler;
    final WaitEngine waits;
    final RestartPolicy policy;
    final WaitPolicy waitPolicy;
    final BuildOperations ops;
    final RestartLoop.Listener listener;
    final RestartLedger ledger;
    final RestartPhase restarting;
    final AttemptWait waiting;

    // Guarded by this.
    RestartState state;
    /** The pending scheduled task (a restart, or a retried read), until it starts. */
    Scheduler.Cancellable task;
    WaitEngine.Handle waitHandle;
    boolean done;
    boolean stopping;

    RestartRun(Scheduler scheduler, WaitEngine waits, RestartState state, RestartPolicy policy,
               WaitPolicy waitPolicy, BuildOperations ops, RestartLoop.Listener listener, RestartLedger ledger) {
        this.scheduler = scheduler;
        this.waits = waits;
        this.state = Objects.requireNonNull(state, "state");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.waitPolicy = Objects.requireNonNull(waitPolicy, "waitPolicy");
        this.ops = Objects.requireNonNull(ops, "ops");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.ledger = ledger;
        this.restarting = new RestartPhase(this);
        this.waiting = new AttemptWait(this);
    }

    @Override
    public synchronized RestartState state() {
        return state;
    }

    @Override
    public synchronized boolean done() {
        return done;
    }

    /** Continues in whichever phase the state is. */
    void begin() {
        RestartState s = state();
        switch (s.phase()) {
            case READ_FIRST -> onIo(restarting::readFirst);
            case RESTART_DUE -> restarting.scheduleRestart(s.restartInstant());
            case RESTARTING -> onIo(restarting::confirmInterruptedRestart);
            case WAITING -> waiting.start();
            case DONE -> deliver(s);
        }
    }

    // ---- retrying a failed read ----------------------------------------------------------------------

    /**
     * A read failed, or a restart failed in its reads before sending anything: it is tried again as a wait's poll
     * would be ({@link FailedCall#retryDelay}). Returns when, having counted the failure and told the listener;
     * otherwise ends the loop with the failure and returns empty.
     */
    Optional<Instant> retryAt(Throwable e, String what) {
        FailedCall call = FailedCall.of(e);
        synchronized (this) {
            if (done) {
                return Optional.empty();
            }
            WaitState failed = state.waitState().failed();
            Instant now = scheduler.now();
            Optional<Duration> delay = stopping ? Optional.empty() : call.retryDelay(failed, waitPolicy, now);
            if (delay.isPresent()) {
                state = state.withWait(failed);
                listener.saved(state);
                listener.retrying(state, call.kind(), what + ": " + call.message(), delay.get());
                return Optional.of(now.plus(delay.get()));
            }
        }
        failWith(e, what);
        return Optional.empty();
    }

    /** Runs {@code work} on the io executor at {@code at}; {@link #task} names it until it starts. */
    synchronized void later(Runnable work, Instant at) {
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

    // ---- stopping ------------------------------------------------------------------------------------

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
            w = waitHandle;
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

    /** Ends the loop CANCELLED, cancelling {@code ref} first unless the policy says to leave it running. */
    void cancelRemote(BuildRef ref, String why) {
        if (policy.onAbort() == RestartPolicy.OnAbort.LEAVE) {
            stopped(RemoteStop.left(ref, why));
            return;
        }
        onIo(() -> stopped(RemoteStop.cancel(ops::cancel, ref, why)));
    }

    private synchronized void stopped(RemoteStop stop) {
        finish(RestartOutcome.Result.CANCELLED, null, stop.message(), List.of(), stop.after());
    }

    // ---- ending --------------------------------------------------------------------------------------

    void failWith(Throwable e, String what) {
        FailedCall call = FailedCall.of(e);
        if (!call.classified()) {
            LOGGER.log(Level.FINE, what, e);
        }
        synchronized (this) {
            if (stopping && !done) {
                finish(RestartOutcome.Result.CANCELLED, null, "stopped; " + what + ": " + call.message(), List.of());
            } else {
                finish(RestartOutcome.Result.ERROR, call.kind(), what + ": " + call.message(), List.of());
            }
        }
    }

    /**
     * Runs {@code work} — one provider call — on the io executor once the account's budget has a slot for it, in turn
     * with the account's polls ({@link WaitEngine#call}); dropped unqueued if the loop has ended by then.
     */
    void onIo(Runnable work) {
        waits.call(ops.pollSource(), new WaitEngine.Request() {
            @Override
            public boolean wanted() {
                return !done();
            }

            @Override
            public void run() {
                work.run();
            }

            @Override
            public void refused() {
                synchronized (RestartRun.this) {
                    finish(RestartOutcome.Result.ERROR, FailureKind.TRANSIENT, "no thread to call "
                            + state.waitState().ref().url(), List.of());
                }
            }
        });
    }

    /** Resumed after it had ended: report the recorded outcome again (the owner may not have seen it). */
    private synchronized void deliver(RestartState finished) {
        done = true;
        listener.finished(RestartOutcome.of(finished));
    }

    /** Ends the loop once; the caller holds the lock. */
    void finish(RestartOutcome.Result result, FailureKind kind, String message, List<String> jobs) {
        finish(result, kind, message, jobs, null);
    }

    /** {@link #finish}, saying what a stop did to the running remote build. */
    void finish(RestartOutcome.Result result, FailureKind kind, String message, List<String> jobs,
                RestartOutcome.AfterStop after) {
        if (done) {
            return;
        }
        done = true;
        state = state.done(result, kind, message, jobs, after);
        listener.saved(state);
        listener.finished(RestartOutcome.of(state));
    }
}
