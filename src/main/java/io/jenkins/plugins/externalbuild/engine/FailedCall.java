package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A provider call of a {@link RestartLoop} that failed, as the loop classifies it: the kind and the delay it asked
 * for come from a {@link ClassifiedFailure}; any other exception is classified by {@link FailureKind#of}.
 *
 * @param changedNothing the call failed before sending anything that changes the build (see
 *                       {@link ClassifiedFailure#changedNothing()}), so that the whole call may be made again
 */
record FailedCall(Throwable error, FailureKind kind, Optional<Duration> retryAfter, boolean changedNothing) {

    /** Where in the policy's jitter band a retried call falls: the middle (one loop, nothing to spread). */
    static final double JITTER_MIDDLE = 0.5;

    static FailedCall of(Throwable e) {
        if (e instanceof ClassifiedFailure c) {
            return new FailedCall(e, c.kind(), c.retryAfter(), c.changedNothing());
        }
        return new FailedCall(e, FailureKind.of(e), Optional.empty(), false);
    }

    boolean classified() {
        return error instanceof ClassifiedFailure;
    }

    String message() {
        return messageOf(error);
    }

    /**
     * The delay before trying the call again, as a wait's poll would be: the policy's backoff over the failures in a
     * row (never sooner than a {@code Retry-After}), while the failure may pass, at most {@code maxErrors} retries in a
     * row, and only if the try falls before the deadline. Empty when the call must not be made again.
     *
     * @param failed the wait state with this failure counted
     */
    Optional<Duration> retryDelay(WaitState failed, WaitPolicy policy, Instant now) {
        Duration delay = policy.delay(failed.errors() - 1, JITTER_MIDDLE, retryAfter);
        boolean allowed = kind.retryable() && failed.errors() <= policy.maxErrors()
                && now.plus(delay).isBefore(failed.deadlineInstant());
        return allowed ? Optional.of(delay) : Optional.empty();
    }

    static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
