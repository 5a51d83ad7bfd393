package io.jenkins.plugins.externalbuild.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The phases of a {@link RestartRun} before a wait: {@code READ_FIRST} reads the original build,
 * {@code RESTART_DUE} waits for the restart's time, {@code RESTARTING} sends it — once: only a due restart is sent,
 * the {@link RestartLedger} is consulted first, and a restart that failed is not sent again unless it failed in its
 * reads before sending anything — and hands the new attempt to the wait. A loop resumed in {@code RESTARTING}
 * never sends the restart again: it reads the build to learn whether the restart took.
 */
final class RestartPhase {

    private static final Logger LOGGER = Logger.getLogger(RestartLoop.class.getName());

    private final RestartRun run;

    RestartPhase(RestartRun run) {
        this.run = run;
    }

    /** READ_FIRST: one read of the build (tried again while it fails transiently), then the restart is due at once. */
    void readFirst() {
        BuildRef ref;
        synchronized (run) {
            if (run.done) {
                return;
            }
            ref = run.state.waitState().ref();
        }
        BuildStatus status;
        try {
            status = run.ops.status(ref);
        } catch (Exception | LinkageError e) {
            run.retryAt(e, "could not read " + ref.url() + " before restarting it").ifPresent(at -> run.later(this::readFirst, at));
            return;
        }
        synchronized (run) {
            if (run.done) {
                return;
            }
            run.state = run.state.withWait(run.state.waitState().observed(status, run.scheduler.now()));
            run.listener.statusChanged(run.state, null);
        }
        scheduleRestart(run.scheduler.now());
    }

    /** RESTART_DUE: the restart goes out at {@code at}, unless that is past the deadline. */
    void scheduleRestart(Instant at) {
        synchronized (run) {
            if (run.done) {
                return;
            }
            WaitState w = run.state.waitState();
            if (!at.isBefore(w.deadlineInstant())) {
                run.finish(RestartOutcome.Result.TIMED_OUT, null, "timed out before restarting " + w.ref().url()
                        + " (last status " + w.status() + ")", List.of());
                return;
            }
            run.state = run.state.restartDue(at);
            run.listener.saved(run.state);
            run.later(this::restart, at);
        }
    }

    /** RESTARTING: saved before the request goes out; a replayed loop follows the restart the ledger recorded. */
    private void restart() {
        Attempt current;
        synchronized (run) {
            if (run.done || run.state.phase() != RestartState.Phase.RESTART_DUE) {
                return; // the guard: only a due restart is ever sent, and only once
            }
            run.state = run.state.restarting();
            run.listener.saved(run.state);
            current = run.state.waitState().currentAttempt();
        }
        Optional<Attempt> known;
        try {
            known = run.ledger.claim(current, run.scheduler.now()); // check and reserve at once
        } catch (IllegalStateException e) {
            run.failWith(e, "not restarting " + current.ref().url());
            return;
        }
        if (known.isPresent()) {
            // A replayed Pipeline or re-run step: this very attempt was restarted already; follow that restart.
            LOGGER.fine(() -> current.ref().url() + " attempt " + current.number() + " was already restarted as "
                    + known.get().ref().url() + "; following it instead of restarting again");
            accepted(current, known.get());
            return;
        }
        Attempt next;
        try {
            next = run.ops.restart(current, run.policy.mode());
        } catch (Exception | LinkageError e) {
            run.ledger.release(current);
            String what = "could not restart " + current.ref().url();
            if (FailedCall.of(e).changedNothing()) {
                // It failed in its reads before sending the restart: trying it again cannot restart twice.
                run.retryAt(e, what).ifPresent(this::scheduleRestart);
            } else {
                run.failWith(e, what);
            }
            return;
        }
        run.ledger.record(current, next, run.scheduler.now());
        accepted(current, next);
    }

    /** The restart took: wait on {@code next}, or end RESTARTED when the policy does not wait (or cancel it when stopped). */
    private void accepted(Attempt current, Attempt next) {
        boolean cancelNew;
        synchronized (run) {
            if (run.done) {
                return;
            }
            run.state = run.state.restarted(next, run.scheduler.now(), run.waitPolicy.firstPoll());
            run.listener.restarted(run.state, current, run.policy.mode());
            run.listener.saved(run.state);
            cancelNew = run.stopping;
            if (!cancelNew && !run.policy.waitForEnd()) {
                run.finish(RestartOutcome.Result.RESTARTED, null, "restarted " + current.ref().url() + ": attempt "
                        + next.number() + " is " + next.ref().url(), List.of());
                return;
            }
        }
        if (cancelNew) {
            run.cancelRemote(next.ref(), "stopped while restarting");
        } else {
            run.waiting.start();
        }
    }

    /** Resumed in RESTARTING: never send the restart again; find out whether it took. */
    void confirmInterruptedRestart() {
        Attempt current;
        synchronized (run) {
            if (run.done) {
                return;
            }
            current = run.state.waitState().currentAttempt();
        }
        BuildStatus status;
        try {
            status = run.ops.status(current.ref());
        } catch (Exception | LinkageError e) {
            run.retryAt(e, "could not confirm the restart of " + current.ref().url())
                    .ifPresent(at -> run.later(this::confirmInterruptedRestart, at));
            return;
        }
        if (!status.terminal()) {
            accepted(current, current.next(current.ref()));
            return;
        }
        synchronized (run) {
            run.finish(RestartOutcome.Result.ERROR, FailureKind.NOT_RESTARTABLE, "the process restarted while "
                    + current.ref().url() + " was being restarted; whether the provider received that restart is "
                    + "unknown and it is not sent twice (the build is " + status + "). Check the build and restart it "
                    + "by hand if needed.", List.of());
        }
    }
}
