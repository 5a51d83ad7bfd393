package io.jenkins.plugins.externalbuild.engine;

import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether an attempt that ended without success is restarted again: only while the policy has restarts left, only
 * after a {@link BuildStatus.State#FAILED} end (not a cancel or a skip), and with {@code retryOn: 'transient'} only
 * after a failure the provider classifies as {@link FailureCause#TRANSIENT}.
 *
 * @param again whether to restart it again
 * @param why   when not, the reason to add to the outcome's message; null when there is nothing to add
 */
record RestartVerdict(boolean again, String why) {

    private static final Logger LOGGER = Logger.getLogger(RestartVerdict.class.getName());

    /** Whether {@link #of} reads the failure's cause from the provider (a request) for this state and policy. */
    static boolean readsCause(RestartState s, RestartPolicy policy) {
        BuildStatus status = s.waitState().status();
        return policy.waitForEnd() && s.restarts() < policy.attempts() && status != null
                && status.state() == BuildStatus.State.FAILED && policy.retryOn() == RestartPolicy.RetryOn.TRANSIENT;
    }

    /** Reads the failure's cause from the provider when the policy needs it (blocking: call on the io executor). */
    static RestartVerdict of(RestartState s, RestartPolicy policy, BuildOperations ops) {
        BuildStatus status = s.waitState().status();
        if (!policy.waitForEnd() || s.restarts() >= policy.attempts()) {
            String why = s.restarts() == 0 ? null : "no restart left (" + s.restarts() + " of " + policy.attempts() + " done)";
            return new RestartVerdict(why == null && s.restarts() < policy.attempts(), why);
        }
        if (status == null || status.state() != BuildStatus.State.FAILED) {
            return new RestartVerdict(false, "not restarted: it ended " + status + ", not failed");
        }
        if (policy.retryOn() == RestartPolicy.RetryOn.TRANSIENT) {
            FailureCause cause;
            try {
                cause = ops.failureCause(s.waitState().ref(), status);
            } catch (Exception | LinkageError e) {
                LOGGER.log(Level.FINE, "could not classify the failure of " + s.waitState().ref().url(), e);
                cause = FailureCause.UNCLASSIFIED;
            }
            if (cause != FailureCause.TRANSIENT) {
                return new RestartVerdict(false, "not restarted: the failure is " + cause.name().toLowerCase(Locale.ROOT)
                        + ", and retryOn is 'transient'");
            }
        }
        return new RestartVerdict(true, null);
    }

    /** The failed jobs of a failed build, where the provider tells them; empty otherwise and on any error. */
    static List<String> failedJobs(BuildOperations ops, BuildRef ref, BuildStatus status) {
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
}
