package io.jenkins.plugins.externalbuild.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.externalbuild.engine.RestartLoop;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import io.jenkins.plugins.externalbuild.provider.Provider;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The durable, thread-free execution of {@code restartExternalBuild} and {@code waitForExternalBuild}.
 * {@link #start()} resolves the build and credentials and hands a {@link RestartLoop} to the shared service:
 * polls are scheduled on Jenkins' Timer and run their HTTP on the service's bounded pool; no thread and no
 * executor is held while the remote build runs. The loop's {@link RestartState} is kept as JSON in a
 * persisted field and saved with the Pipeline at every change, so {@link #onResume()} continues in whichever
 * phase it was; {@link #stop} stops the loop, applying {@code onAbort}. Everything {@code stop} and
 * {@code onResume} need is non-transient (the transient handle is rebuilt from it).
 */
final class ExternalBuildExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(ExternalBuildExecution.class.getName());

    private final ExternalBuildStep.Target target;
    private LoopOptions options;
    private final String key = UUID.randomUUID().toString();
    private String resolvedApiBase;
    private String resolvedCredentialsId;
    private String state;
    private transient volatile RestartLoop.Handle handle;
    private transient volatile Throwable stopCause;

    ExternalBuildExecution(StepContext context, ExternalBuildStep.Target target, LoopOptions options) {
        super(context);
        this.target = target;
        this.options = options;
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        LoopStart prepared = LoopStart.prepare(target.input(), options, run);
        options = prepared.options;
        resolvedApiBase = prepared.target.apiBase() == null ? null : prepared.target.apiBase().toString();
        resolvedCredentialsId = prepared.target.credentialsId();
        state = prepared.initial.toJson();
        BuildLog.message(getContext().get(TaskListener.class), (options.restart ? "restarting " : "waiting for ")
                + prepared.target.ref().describe() + " " + BuildLog.link(prepared.target.ref().url()));
        ExternalBuildAction.record(run, key, prepared.initial);
        handle = ExternalBuildService.get().loop().start(prepared.initial, options.restartPolicy(), options.waitPolicy(),
                prepared.provider, new Reporter(run));
        return false;
    }

    @Override
    public void onResume() {
        try {
            handle = resumeLoop();
        } catch (IOException | InterruptedException | RuntimeException e) {
            getContext().onFailure(e);
        }
    }

    private RestartLoop.Handle resumeLoop() throws IOException, InterruptedException {
        Run<?, ?> run = getContext().get(Run.class);
        RestartState restored = RestartState.fromJson(state);
        BuildTarget resolved = new BuildTarget(restored.waitState().ref(),
                resolvedApiBase == null ? null : java.net.URI.create(resolvedApiBase), resolvedCredentialsId);
        ExternalBuildService service = ExternalBuildService.get();
        Provider provider = service.connect(resolved, CredentialsLookup.forRun(resolvedCredentialsId, run,
                restored.waitState().ref().server()));
        return service.loop().start(restored, options.restartPolicy(), options.waitPolicy(), provider, new Reporter(run));
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        stopCause = cause;
        RestartLoop.Handle h = handle;
        if (h == null && state != null) {
            try {
                h = handle = resumeLoop(); // stopped before onResume ran: rebuild, so that onAbort still applies
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "could not rebuild the external build wait to stop it", e);
            }
        }
        if (h == null || h.done()) {
            getContext().onFailure(cause);
            return;
        }
        h.stop(); // Reporter.finished completes the step with the cause once the remote cancel is answered
    }

    @Override
    public String getStatus() {
        RestartLoop.Handle h = handle;
        RestartState s = h != null ? h.state() : state == null ? null : RestartState.fromJson(state);
        if (s == null) {
            return "starting";
        }
        return s.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": "
                + BuildLog.describe(s.waitState().currentAttempt()) + " " + s.waitState().ref().url()
                + (s.waitState().status() == null ? "" : " (" + s.waitState().status() + ")");
    }

    /** Persists the state with the Pipeline and completes the step. Lives only as long as the loop. */
    private final class Reporter extends LoopReporter {

        Reporter(Run<?, ?> run) {
            super(run, key);
        }

        @Override
        public void saved(RestartState s) {
            state = s.toJson();
            getContext().saveState();
        }

        @Override
        void completed(RestartOutcome outcome) {
            ExternalBuildResult result = ExternalBuildResult.of(outcome);
            switch (outcome.result()) {
                case SUCCEEDED, RESTARTED -> getContext().onSuccess(result);
                case FAILED, BLOCKED -> {
                    if (options.propagate) {
                        getContext().onFailure(new AbortException(outcome.message()));
                    } else {
                        getContext().onSuccess(result);
                    }
                }
                case CANCELLED -> {
                    Throwable cause = stopCause;
                    getContext().onFailure(cause != null ? cause : new AbortException(outcome.message()));
                }
                case TIMED_OUT, STUCK, ERROR -> getContext().onFailure(new AbortException(outcome.message()));
            }
        }

        @Override
        TaskListener listener() {
            try {
                return getContext().get(TaskListener.class);
            } catch (IOException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOGGER.log(Level.FINE, "no build log for an external build step", e);
                return TaskListener.NULL;
            }
        }
    }
}
