package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RemoteStop;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies {@code onAbort} for the Pipeline steps a run ended without. A run aborted right after a restart of
 * Jenkins, before Pipeline resumed its steps, ends without calling their {@code stop()}; the run's
 * {@link ExternalBuildAction} still names each remote build a step was waiting on ({@link InFlightBuild}). When an
 * aborted run completes, each one still running is cancelled (or left, with {@code onAbort: 'leave'}) exactly once:
 * the records are taken from the run and saved before any request is sent. The cancel runs on the io pool; its
 * result goes to the run page (the build log is closed by then).
 */
@Extension
public final class AbortedRunListener extends RunListener<Run<?, ?>> {

    private static final Logger LOGGER = Logger.getLogger(AbortedRunListener.class.getName());

    @Override
    public void onCompleted(Run<?, ?> run, TaskListener listener) {
        List<InFlightBuild> left = ExternalBuildAction.takeInFlight(run); // saved: nothing is taken twice
        if (left.isEmpty() || run.getResult() != Result.ABORTED) {
            return; // a run that ended otherwise had no step left waiting (or one Pipeline will not resume)
        }
        StepServices services = ExternalBuildService.get().services();
        for (InFlightBuild build : left) {
            stop(run, listener, services, build);
        }
    }

    private static void stop(Run<?, ?> run, TaskListener listener, StepServices services, InFlightBuild build) {
        RestartState state = build.state();
        BuildStatus seen = state.waitState().status();
        String url = state.waitState().ref().url();
        String why = "aborted before the step resumed";
        if (state.phase() != RestartState.Phase.WAITING || seen != null && seen.terminal()) {
            // Between attempts (or with a restart request in flight, whose new build is unknown): nothing to cancel.
            String message = why + "; it was not waiting on a running build of " + url + ", nothing cancelled";
            BuildLog.message(listener, message);
            services.record(run, build.key(), state.stoppedWithoutLoop(null, message));
        } else if (build.leave()) {
            RemoteStop left = RemoteStop.left(state.waitState().ref(), why);
            BuildLog.message(listener, left.message());
            services.record(run, build.key(), state.stoppedWithoutLoop(left.after(), left.message()));
        } else {
            BuildLog.message(listener, why + "; cancelling " + url + " (onAbort: cancel)");
            try {
                services.io().execute(() -> cancel(run, services, build, state, why));
            } catch (RejectedExecutionException e) {
                LOGGER.log(Level.WARNING, "no thread to cancel {0}", url);
            }
        }
    }

    private static void cancel(Run<?, ?> run, StepServices services, InFlightBuild build, RestartState state,
                               String why) {
        BuildTarget target = build.target();
        RemoteStop stop = RemoteStop.cancel(ref -> services.connect(target, run).cancel(ref), target.ref(), why);
        if (stop.after() == RestartOutcome.AfterStop.CANCEL_FAILED) {
            LOGGER.log(Level.WARNING, "{0}: {1}", new Object[] {run.getExternalizableId(), stop.message()});
        }
        services.record(run, build.key(), state.stoppedWithoutLoop(stop.after(), stop.message()));
    }
}
