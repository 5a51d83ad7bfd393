package io.jenkins.plugins.externalbuild.engine;

/**
 * What stopping a wait did to the remote build it was on, and the sentence that says so: made here for the restart
 * loop's own stop and for a host that applies {@code onAbort} without a loop (a Jenkins run aborted before Pipeline
 * resumed its step), so both say the same.
 *
 * @param after what was done to the remote build
 * @param message one sentence for the user, free of secrets (providers redact their errors)
 */
public record RemoteStop(RestartOutcome.AfterStop after, String message) {

    /** How the remote build is cancelled. */
    @FunctionalInterface
    public interface Cancel {
        void cancel(BuildRef ref) throws Exception;
    }

    /** {@code ref} is left running, as {@code onAbort: leave} asks. */
    public static RemoteStop left(BuildRef ref, String why) {
        return new RemoteStop(RestartOutcome.AfterStop.LEFT_RUNNING, why + "; left " + ref.url() + " running (onAbort: leave)");
    }

    /** Cancels {@code ref} (blocking: call it on an io thread); a failure is said, not thrown. */
    public static RemoteStop cancel(Cancel cancel, BuildRef ref, String why) {
        try {
            cancel.cancel(ref);
            return new RemoteStop(RestartOutcome.AfterStop.CANCELLED, why + "; cancelled " + ref.url());
        } catch (Exception | LinkageError e) {
            return new RemoteStop(RestartOutcome.AfterStop.CANCEL_FAILED,
                    why + "; could not cancel " + ref.url() + ": " + FailedCall.messageOf(e));
        }
    }
}
