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
