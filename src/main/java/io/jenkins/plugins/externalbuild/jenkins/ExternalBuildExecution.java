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
import java.io.Serializable;
import java.net.URI;
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

    private final Saved saved;
    private transient volatile StepServices services;
    private transient volatile RestartLoop.Handle handle;
    private transient volatile Throwable stopCause;

    ExternalBuildExecution(StepContext context, ExternalBuildStep.Target target, LoopOptions options) {
        this(context, new Saved(target, options), null);
    }

    /**
     * An execution over {@code saved} fields, with {@code services} (null: this Jenkins'). Offline tests build
     * one from the fields another execution saved, as a controller restart does, and call {@link #onResume()}.
     */
    ExternalBuildExecution(StepContext context, Saved saved, StepServices services) {
        super(context);
        this.saved = saved;
        this.services = services;
    }

    /**
     * What the execution persists with the Pipeline, and all that {@link #stop} and {@link #onResume} need: the
     * step's fields, the resolved API base and credentials id, and the loop's {@link RestartState} as JSON.
     * No secret: credentials are looked up again by id after a restart.
     */
    static final class Saved implements Serializable {
        private static final long serialVersionUID = 1L;

        final ExternalBuildStep.Target target;
        final String key = UUID.randomUUID().toString();
        LoopOptions options;
        String resolvedApiBase;
        String resolvedCredentialsId;
        volatile String state;

        Saved(ExternalBuildStep.Target target, LoopOptions options) {
            this.target = target;
            this.options = options;
        }
    }

    /** The persisted fields, as the Pipeline would save them now. */
    Saved saved() {
        return saved;
    }

    private StepServices services() {
        StepServices s = services;
        if (s == null) {
            s = services = ExternalBuildService.get().services(); // after a restart: this Jenkins' services
        }
        return s;
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        StepServices s = services();
        LoopStart prepared = LoopStart.prepare(saved.target.input(), saved.options, run, s);
        saved.options = prepared.options;
        saved.resolvedApiBase = prepared.target.apiBase() == null ? null : prepared.target.apiBase().toString();
        saved.resolvedCredentialsId = prepared.target.credentialsId();
        saved.state = prepared.initial.toJson();
        BuildLog.message(getContext().get(TaskListener.class), (saved.options.restart ? "restarting " : "waiting for ")
                + prepared.target.ref().describe() + " " + BuildLog.link(prepared.target.ref().url()));
        s.record(run, saved.key, prepared.initial);
        handle = s.loop().start(prepared.initial, saved.options.restartPolicy(), prepared.waitPolicy, prepared.provider,
                new Reporter(run, s));
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
        RestartState restored = RestartState.fromJson(saved.state);
        BuildTarget resolved = new BuildTarget(restored.waitState().ref(),
                saved.resolvedApiBase == null ? null : URI.create(saved.resolvedApiBase), saved.resolvedCredentialsId);
        StepServices s = services();
        Provider provider = s.connect(resolved, run);
        return s.loop().start(restored, saved.options.restartPolicy(), s.waitPolicy(saved.options.timeoutMinutes),
                provider, new Reporter(run, s));
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        stopCause = cause;
        RestartLoop.Handle h = handle;
        if (h == null && saved.state != null) {
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
        RestartState s = h != null ? h.state() : saved.state == null ? null : RestartState.fromJson(saved.state);
        if (s == null) {
            return "starting";
        }
        return s.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": "
                + BuildLog.describe(s.waitState().currentAttempt()) + " " + s.waitState().ref().url()
                + (s.waitState().status() == null ? "" : " (" + s.waitState().status() + ")");
    }

    /** Persists the state with the Pipeline and completes the step. Lives only as long as the loop. */
    private final class Reporter extends LoopReporter {

        Reporter(Run<?, ?> run, StepServices services) {
            super(run, saved.key, services);
        }

        @Override
        public void saved(RestartState s) {
            saved.state = s.toJson();
            getContext().saveState();
        }

        @Override
        void completed(RestartOutcome outcome) {
            ExternalBuildResult result = ExternalBuildResult.of(outcome);
            switch (outcome.result()) {
                case SUCCEEDED, RESTARTED -> getContext().onSuccess(result);
                case FAILED, BLOCKED -> {
                    if (saved.options.propagate) {
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
