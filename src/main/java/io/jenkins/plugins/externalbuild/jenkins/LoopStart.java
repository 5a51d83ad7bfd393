package io.jenkins.plugins.externalbuild.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import io.jenkins.plugins.externalbuild.provider.Provider;
import java.time.Instant;

/**
 * Everything a restart or wait needs before its loop starts, shared by the Pipeline execution and the
 * freestyle build steps: the resolved build, a connection with the job's credentials, the restart mode the
 * provider chose, and the initial state. Nothing is sent yet; a bad input is an {@link AbortException}.
 */
final class LoopStart {

    final BuildTarget target;
    final Provider provider;
    final LoopOptions options;
    final RestartState initial;
    final WaitPolicy waitPolicy;

    private LoopStart(BuildTarget target, Provider provider, LoopOptions options, RestartState initial,
                      WaitPolicy waitPolicy) {
        this.target = target;
        this.provider = provider;
        this.options = options;
        this.initial = initial;
        this.waitPolicy = waitPolicy;
    }

    static LoopStart prepare(BuildTarget.Input input, LoopOptions requested, Run<?, ?> run, StepServices services)
            throws AbortException {
        try {
            requested.restartPolicy(); // validates the options before anything is sent
            BuildTarget target = services.resolve(input);
            Provider provider = services.connect(target, run);
            LoopOptions options = requested;
            if (requested.restart) {
                RestartMode chosen = provider.capabilities(target.ref())
                        .choose(requested.requestedMode(), provider.type().displayName(), target.ref().kind());
                options = requested.withMode(chosen);
            }
            Instant now = services.now();
            WaitPolicy wait = services.waitPolicy(options.timeoutMinutes);
            RestartState initial = options.restart ? RestartState.forRestart(target.ref(), now, wait)
                    : RestartState.forWait(target.ref(), now, wait);
            return new LoopStart(target, provider, options, initial, wait);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
