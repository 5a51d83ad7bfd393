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
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
    /** Set once the step was completed (or a completion was handed to the context): never complete twice. */
    private transient boolean completed;
    /** A loop is being started or rebuilt and not attached yet ({@link #attach}); guarded by this. */
    private transient boolean attaching;
    /** The phase and attempt last saved with the Pipeline: the program is saved only when they change. */
    private transient String lastSaved;

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
        /** The replay guard's key: the step's FlowNode id (the same in a replay of the run), else {@link #key}. */
        String stepKey;
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
        FlowNode node = getContext().get(FlowNode.class);
        StepServices s = services();
        LoopStart prepared = LoopStart.prepare(saved.target.input(), saved.options, run, s);
        saved.options = prepared.options;
        saved.resolvedApiBase = prepared.target.apiBase() == null ? null : prepared.target.apiBase().toString();
        saved.resolvedCredentialsId = prepared.target.credentialsId();
        saved.stepKey = node == null ? saved.key : node.getId();
        saved.state = prepared.initial.toJson();
        String what = prepared.target.ref().describe();
        if (node != null) {
            node.addAction(new LabelAction((saved.options.restart ? "Restart " : "Wait for ") + what)); // Stage View
        }
        BuildLog.message(getContext().get(TaskListener.class), (saved.options.restart ? "restarting " : "waiting for ")
                + what + " " + BuildLog.link(prepared.target.ref().url()));
        s.follow(run, new InFlightBuild(saved.key, prepared.target, saved.options.restartPolicy().onAbort(),
                prepared.initial));
        s.record(run, saved.key, prepared.initial);
        synchronized (this) {
            attaching = true;
        }
        attach(s.loop().start(prepared.initial, saved.options.restartPolicy(), prepared.waitPolicy,
                prepared.provider, new Reporter(run, s), s.ledger(run, saved.stepKey)));
        return false;
    }

    @Override
    public void onResume() {
        synchronized (this) {
            if (handle != null || attaching || stopCause != null || completed) {
                return; // stop() came first (and rebuilt the loop to stop it), or the step has ended: no second loop
            }
            attaching = true;
        }
        RestartLoop.Handle h;
        try {
            h = resumeLoop();
        } catch (IOException | InterruptedException | RuntimeException e) {
            complete(() -> getContext().onFailure(e));
            return;
        }
        attach(h);
    }

    /**
     * Makes {@code h} this execution's loop, and stops it if a stop came while it was being started. Never called
     * under this lock with the loop's: the loop reports (under its own lock) into {@link #complete}.
     */
    private void attach(RestartLoop.Handle h) {
        boolean stopNow;
        synchronized (this) {
            handle = h;
            attaching = false;
            stopNow = stopCause != null;
        }
        if (stopNow) {
            h.stop();
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
                provider, new Reporter(run, s), s.ledger(run, saved.stepKey == null ? saved.key : saved.stepKey));
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        RestartLoop.Handle h;
        boolean rebuild;
        synchronized (this) {
            if (completed) {
                return; // the step already ended: nothing to stop, nothing to complete again
            }
        }
        try {
            Run<?, ?> run = getContext().get(Run.class);
            if (run != null) {
                services().release(run, saved.key); // onAbort is this stop's to apply, not the run listener's
            }
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "no run to release the external build to this stop", e);
        }
        synchronized (this) {
            stopCause = cause;
            h = handle;
            if (h == null && attaching) {
                return; // start() or onResume() is starting the loop; attach() stops it
            }
            rebuild = h == null && saved.state != null;
            attaching = rebuild;
        }
        if (rebuild) {
            try {
                h = resumeLoop(); // stopped before onResume ran: rebuild, so that onAbort still applies
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "could not rebuild the external build wait to stop it", e);
            }
            synchronized (this) {
                handle = h;
                attaching = false;
            }
        }
        if (h == null || h.done()) {
            complete(() -> getContext().onFailure(cause));
            return;
        }
        h.stop(); // Reporter.finished completes the step with the cause once the remote cancel is answered
    }

    /** Runs {@code completion} unless the step was completed already. */
    private void complete(Runnable completion) {
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
        }
        completion.run();
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

    /**
     * Persists the state with the Pipeline and completes the step. Lives only as long as the loop; silent once
     * the services are closed (shutdown): the step then resumes from its last saved state after the restart.
     */
    private final class Reporter extends LoopReporter {

        private final StepServices services;

        Reporter(Run<?, ?> run, StepServices services) {
            super(run, saved.key, services);
            this.services = services;
        }

        @Override
        boolean silenced() {
            return services.closed();
        }

        @Override
        public void saved(RestartState s) {
            if (silenced()) {
                return;
            }
            saved.state = s.toJson();
            // The whole CPS program is written on saveState(): only when the phase or the attempt changes, not on
            // every poll (a resumed wait re-reads the build anyway; the newest state goes with the next save).
            String mark = s.phase() + "#" + s.waitState().attempt();
            if (!mark.equals(lastSaved)) {
                lastSaved = mark;
                getContext().saveState();
            }
        }

        @Override
        void completed(RestartOutcome outcome) {
            ExternalBuildResult result = ExternalBuildResult.of(outcome);
            Throwable cause = stopCause;
            if (outcome.result() == RestartOutcome.Result.CANCELLED) {
                complete(() -> getContext().onFailure(cause != null ? cause : new AbortException(outcome.message())));
            } else if (outcome.result() == RestartOutcome.Result.SUCCEEDED
                    || outcome.result() == RestartOutcome.Result.RESTARTED || !saved.options.propagate) {
                // propagate: false returns every outcome but an abort of this build (b.result says which)
                complete(() -> getContext().onSuccess(result));
            } else {
                complete(() -> getContext().onFailure(new AbortException(outcome.message())));
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
