package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/**
 * Restarts a build and waits for it, restarting again while it keeps failing, without holding a thread:
 * every step is a short task on the {@link Scheduler}, every provider call runs on the engine's {@code io} executor
 * once the account's budget has a slot for it ({@link WaitEngine#call}), waiting is delegated to the
 * {@link WaitEngine}. Also runs plain waits ({@link RestartState#forWait}).
 *
 * <p>Phases ({@link RestartState.Phase}): {@code READ_FIRST} → {@code RESTART_DUE} → {@code RESTARTING} →
 * {@code WAITING} → ({@code RESTART_DUE} again while the policy allows) → {@code DONE}. Each transition is
 * reported to {@link Listener#saved} before the work it announces, so a resumed loop continues where it was.
 *
 * <p><b>No restart is sent twice.</b> The state moves to {@code RESTARTING} (and is saved) before the restart
 * request goes out, and the {@link RestartLedger} is consulted first. A loop resumed in {@code RESTARTING} does not
 * know whether the provider received it, so it reads the build instead: if it runs again, the restart took and the
 * wait goes on; otherwise the loop ends with an error naming the build, rather than risk a duplicate build. Reads,
 * and a restart that failed in its reads before sending anything, are tried again as a wait's polls are.
 *
 * <p>Where each part lives: {@link RestartRun} holds one loop's state, stopping and ending; {@link RestartPhase}
 * reads the build and sends the restart; {@link AttemptWait} waits on an attempt and decides, with
 * {@link RestartVerdict}, whether to restart it again; {@link FailedCall} classifies a failed provider call.
 *
 * <p>Thread-safety: transitions are serialized on the run. Calls into the {@link WaitEngine} that can take
 * its lock are made outside ours (its listener calls us under its lock).
 */
public final class RestartLoop {

    private final Scheduler scheduler;
    private final WaitEngine waits;
    private final RestartLedger ledger;

    public RestartLoop(Scheduler scheduler, Executor io, DoubleSupplier random) {
        this(new WaitEngine(scheduler, io, random), RestartLedger.none());
    }

    /**
     * A loop whose waits run on a shared engine, so that every wait on one provider account shares its budget,
     * its coalesced polls and its batched reads (the host owns one engine for the JVM).
     */
    public RestartLoop(WaitEngine waits, RestartLedger ledger) {
        this.waits = Objects.requireNonNull(waits, "waits");
        this.scheduler = waits.scheduler();
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
        return start(state, restart, wait, ops, listener, ledger);
    }

    /** {@link #start}, consulting {@code ledger} (the host's record for this one step) instead of this loop's. */
    public Handle start(RestartState state, RestartPolicy restart, WaitPolicy wait, BuildOperations ops,
                        Listener listener, RestartLedger ledger) {
        RestartRun run = new RestartRun(scheduler, waits, state, restart, wait, ops, listener,
                Objects.requireNonNull(ledger, "ledger"));
        run.begin();
        return run;
    }
}
