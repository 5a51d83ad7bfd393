package io.jenkins.plugins.externalbuild.jenkins;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.FailureKind;
import io.jenkins.plugins.externalbuild.engine.RestartLoop;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import java.time.Duration;
import java.util.Locale;

/**
 * Reports a loop to the build log (one line per status change, restart and end — never per poll) and to the
 * run page; subclasses persist the state and complete their step.
 */
abstract class LoopReporter implements RestartLoop.Listener {

    private final Run<?, ?> run;
    private final String key;
    private final StepServices services;

    LoopReporter(Run<?, ?> run, String key, StepServices services) {
        this.run = run;
        this.key = key;
        this.services = services;
    }

    abstract TaskListener listener();

    abstract void completed(RestartOutcome outcome);

    /** Whether to report nothing more (the host is shutting down). */
    boolean silenced() {
        return false;
    }

    @Override
    public void statusChanged(RestartState s, BuildStatus previous) {
        if (silenced()) {
            return;
        }
        BuildLog.status(listener(), s.waitState().currentAttempt(), s.waitState().status());
        services.record(run, key, s);
    }

    @Override
    public void restarted(RestartState s, Attempt from, RestartMode mode) {
        if (silenced()) {
            return;
        }
        BuildLog.restarted(listener(), from, s.waitState().currentAttempt(), mode == null ? null : mode.id());
        services.record(run, key, s);
    }

    @Override
    public void restartScheduled(RestartState s, Duration delay, String reason) {
        if (silenced()) {
            return;
        }
        BuildLog.message(listener(), reason + (delay.isZero() ? "; restarting now" : "; restarting in "
                + delay.toSeconds() + " s"));
    }

    @Override
    public void retrying(RestartState s, FailureKind kind, String message, Duration delay) {
        if (silenced()) {
            return;
        }
        BuildLog.message(listener(), message + " (" + kind.name().toLowerCase(Locale.ROOT) + "; trying again in "
                + delay.toSeconds() + " s)");
    }

    @Override
    public final void finished(RestartOutcome outcome) {
        if (silenced()) {
            return;
        }
        services.record(run, key, outcome.state());
        BuildLog.message(listener(), outcome.result().name().toLowerCase(Locale.ROOT) + ": " + outcome.message());
        completed(outcome);
    }
}
