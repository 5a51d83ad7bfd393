package io.jenkins.plugins.externalbuild.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * {@code externalBuildStatus} and {@code cancelExternalBuild}: one provider call on the service's io pool,
 * never on the CPS or Timer thread. Both calls are idempotent, so {@link #onResume()} simply makes the call
 * again.
 */
final class OneCallExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(OneCallExecution.class.getName());

    enum Call { STATUS, CANCEL }

    private final ExternalBuildStep.Target target;
    private final Call call;
    private volatile boolean ended;
    private transient volatile StepServices services;

    OneCallExecution(StepContext context, ExternalBuildStep.Target target, Call call) {
        this(context, target, call, null);
    }

    /** With {@code services} null, this Jenkins' (offline tests pass their own). */
    OneCallExecution(StepContext context, ExternalBuildStep.Target target, Call call, StepServices services) {
        super(context);
        this.target = target;
        this.call = call;
        this.services = services;
    }

    @Override
    public boolean start() throws Exception {
        submit();
        return false;
    }

    @Override
    public void onResume() {
        if (!ended) {
            try {
                submit();
            } catch (Exception e) {
                end(null, e);
            }
        }
    }

    @Override
    public void stop(Throwable cause) {
        end(null, cause);
    }

    private void submit() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        StepServices s = services;
        if (s == null) {
            s = services = ExternalBuildService.get().services();
        }
        BuildTarget resolved;
        Provider provider;
        try {
            resolved = s.resolve(target.input());
            provider = s.connect(resolved, run);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        try {
            s.io().execute(() -> perform(provider, resolved, listener));
        } catch (RejectedExecutionException e) {
            throw new AbortException("Too many external build calls are queued; try again later");
        }
    }

    private void perform(Provider provider, BuildTarget resolved, TaskListener listener) {
        try {
            if (call == Call.CANCEL) {
                provider.cancel(resolved.ref());
                BuildLog.message(listener, "cancel requested for " + resolved.ref().describe() + " "
                        + BuildLog.link(resolved.ref().url()));
            }
            BuildStatus status = provider.status(resolved.ref());
            List<String> failed = status.state() == BuildStatus.State.FAILED ? provider.failedJobs(resolved.ref()) : List.of();
            if (call == Call.STATUS) {
                BuildLog.status(listener, io.jenkins.plugins.externalbuild.engine.Attempt.first(resolved.ref()), status);
            }
            end(new ExternalBuildResult(resolved.ref(), status, 1, List.of(), failed,
                    call == Call.CANCEL ? "cancelled" : "read", resolved.ref().url() + " is " + status), null);
        } catch (ProviderException | RuntimeException e) {
            // Boundary of a pool task: anything escaping would leave the step waiting forever.
            if (!(e instanceof ProviderException) && !(e instanceof IllegalArgumentException)) {
                // Not bad input (such as credentials refused over plain http), which the build log shows.
                LOGGER.log(Level.WARNING, "external build " + call + " failed", e);
            }
            end(null, new AbortException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void end(ExternalBuildResult result, Throwable failure) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        if (failure != null) {
            getContext().onFailure(failure);
        } else {
            getContext().onSuccess(result);
        }
    }

    @Override
    public String getStatus() {
        return (call == Call.CANCEL ? "cancelling " : "reading ") + target.describe();
    }
}
