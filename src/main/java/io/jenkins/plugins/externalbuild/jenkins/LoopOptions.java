package io.jenkins.plugins.externalbuild.jenkins;

import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import java.io.Serializable;
import java.time.Duration;

/**
 * The options of a restart or wait, as its execution persists them (a class, not a record: the Pipeline
 * serializes executions with JBoss Marshalling). Validated by {@link #restartPolicy()} when the step starts.
 */
final class LoopOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    final boolean restart;
    final String mode;
    final int attempts;
    final int delaySeconds;
    final double backoff;
    final String retryOn;
    final boolean waitForEnd;
    final String onAbort;
    final int timeoutMinutes;
    final boolean propagate;

    LoopOptions(boolean restart, String mode, int attempts, int delaySeconds, double backoff, String retryOn,
                boolean waitForEnd, String onAbort, int timeoutMinutes, boolean propagate) {
        this.restart = restart;
        this.mode = mode;
        this.attempts = attempts;
        this.delaySeconds = delaySeconds;
        this.backoff = backoff;
        this.retryOn = retryOn;
        this.waitForEnd = waitForEnd;
        this.onAbort = onAbort;
        this.timeoutMinutes = timeoutMinutes;
        this.propagate = propagate;
    }

    // How the steps' and build steps' setters clamp what a user typed; one place for all four Describables.

    static int clampAttempts(int attempts) {
        return Math.max(1, Math.min(attempts, RestartPolicy.MAX_ATTEMPTS));
    }

    static int clampDelaySeconds(int delay) {
        return (int) Math.max(0, Math.min(delay, RestartPolicy.MAX_DELAY.toSeconds()));
    }

    static double clampBackoff(double backoff) {
        return Double.isNaN(backoff) ? 1.0 : Math.max(1.0, Math.min(backoff, 10.0));
    }

    /** {@code value} trimmed, or {@code fallback} when it is empty. */
    static String orDefault(String value, String fallback) {
        return value == null || value.trim().isEmpty() ? fallback : value.trim();
    }

    /** These options with the restart mode the provider chose ({@code null} for a wait). */
    LoopOptions withMode(RestartMode chosen) {
        return new LoopOptions(restart, chosen == null ? null : chosen.id(), attempts, delaySeconds, backoff, retryOn,
                waitForEnd, onAbort, timeoutMinutes, propagate);
    }

    RestartMode requestedMode() {
        return mode == null || mode.isBlank() ? null : RestartMode.parse(mode);
    }

    /** @throws IllegalArgumentException naming the option that is out of range */
    RestartPolicy restartPolicy() {
        RestartPolicy.OnAbort abort = RestartPolicy.OnAbort.parse(onAbort);
        if (!restart) {
            return RestartPolicy.waitOnly(abort);
        }
        return new RestartPolicy(requestedMode(), attempts, Duration.ofSeconds(delaySeconds), backoff,
                RestartPolicy.RetryOn.parse(retryOn), waitForEnd, abort);
    }
}
