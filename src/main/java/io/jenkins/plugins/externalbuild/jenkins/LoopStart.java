package io.jenkins.plugins.externalbuild.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartState;
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

    private LoopStart(BuildTarget target, Provider provider, LoopOptions options, RestartState initial) {
        this.target = target;
        this.provider = provider;
        this.options = options;
        this.initial = initial;
    }

    static LoopStart prepare(BuildTarget.Input input, LoopOptions requested, Run<?, ?> run) throws AbortException {
        ExternalBuildService service = ExternalBuildService.get();
        try {
            requested.restartPolicy(); // validates the options before anything is sent
            BuildTarget target = BuildTarget.resolve(input, service.registry(),
                    ExternalBuildConfiguration.get().endpointValues());
            Provider provider = service.connect(target,
                    CredentialsLookup.forRun(target.credentialsId(), run, target.ref().server()));
            LoopOptions options = requested;
            if (requested.restart) {
                RestartMode chosen = provider.capabilities(target.ref())
                        .choose(requested.requestedMode(), provider.type().displayName(), target.ref().kind());
                options = requested.withMode(chosen);
            }
            Instant now = Instant.now();
            RestartState initial = options.restart ? RestartState.forRestart(target.ref(), now, options.waitPolicy())
                    : RestartState.forWait(target.ref(), now, options.waitPolicy());
            return new LoopStart(target, provider, options, initial);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
