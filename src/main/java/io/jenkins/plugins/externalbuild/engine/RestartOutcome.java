package io.jenkins.plugins.externalbuild.engine;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link RestartLoop} ended; {@link #state()} holds the attempt chain and the last status.
 *
 * @param failure for {@link Result#ERROR}, what kind of failure ended it; otherwise {@code null}
 * @param message one sentence for the user, already free of secrets
 * @param failedJobs failed jobs of the last attempt where the provider tells them
 * @param afterStop for {@link Result#CANCELLED} with a remote build running, what the stop did to it; else {@code null}
 */
public record RestartOutcome(Result result, RestartState state, FailureKind failure, String message,
                             List<String> failedJobs, AfterStop afterStop) {

    /** What stopping the loop did to the remote build that was running (per {@link RestartPolicy.OnAbort}). */
    public enum AfterStop {
        /** A cancel was requested and accepted. */
        CANCELLED,
        /** A cancel was requested and failed: the remote build may still run. */
        CANCEL_FAILED,
        /** Left running, as {@code onAbort: leave} asks. */
        LEFT_RUNNING
    }

    public enum Result {
        /** The (last) attempt succeeded. */
        SUCCEEDED,
        /** The last attempt failed, was canceled or skipped, and no restart is left or allowed. */
        FAILED,
        /** Restarted and, as asked, not waited for. */
        RESTARTED,
        /** The build waits for a manual action. */
        BLOCKED,
        /** The overall timeout passed first. */
        TIMED_OUT,
        /** The build made no progress: queued longer than the policy allows. */
        STUCK,
        /** A call failed for good: credentials, not found, restart refused, too many errors. */
        ERROR,
        /** Stopped by its owner; {@link #message()} says what happened to the remote build. */
        CANCELLED;

        static Result of(WaitOutcome.Result r) {
            return switch (r) {
                case SUCCEEDED -> SUCCEEDED;
                case FAILED -> FAILED;
                case BLOCKED -> BLOCKED;
                case TIMED_OUT -> TIMED_OUT;
                case STUCK -> STUCK;
                case ERROR -> ERROR;
                case CANCELLED -> CANCELLED;
            };
        }
    }

    public RestartOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        failedJobs = List.copyOf(failedJobs == null ? List.of() : failedJobs);
    }

    /** The outcome a finished state records. */
    public static RestartOutcome of(RestartState done) {
        if (done.phase() != RestartState.Phase.DONE) {
            throw new IllegalArgumentException("not finished: " + done.phase());
        }
        return new RestartOutcome(done.result(), done, done.failure(), done.message() == null ? "" : done.message(),
                done.failedJobs(), done.afterStop());
    }

    /** The attempt the outcome is about: the last one waited on or restarted. */
    public Attempt attempt() {
        return state.waitState().currentAttempt();
    }
}
