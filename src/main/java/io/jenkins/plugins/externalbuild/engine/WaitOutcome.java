package io.jenkins.plugins.externalbuild.engine;

import java.util.Objects;

/**
 * How a wait ended.
 *
 * @param failure for {@link Result#ERROR}, what kind of failure ended it; otherwise {@code null}
 * @param message one sentence for the user, already free of secrets
 */
public record WaitOutcome(Result result, WaitState state, FailureKind failure, String message) {

    public enum Result {
        /** The build reached a successful terminal status. */
        SUCCEEDED,
        /** The build reached a terminal status that is not success: failed, canceled, skipped. */
        FAILED,
        /** The build waits for a manual action and will not move by itself. */
        BLOCKED,
        /** The overall timeout passed first. */
        TIMED_OUT,
        /** The build made no progress: queued longer than the policy allows. */
        STUCK,
        /** The wait could not go on: credentials refused, build not found or gone, too many errors. */
        ERROR,
        /** The wait was cancelled by its owner (an aborted Jenkins build, Ctrl-C). */
        CANCELLED
    }

    public WaitOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }
}
