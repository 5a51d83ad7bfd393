package io.jenkins.plugins.externalbuild.jenkins;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import java.util.Locale;

/**
 * {@code EXTERNAL_BUILD_URL}, {@code _ID}, {@code _STATUS} and {@code _ATTEMPT} for the later build steps of a
 * freestyle build: added by the freestyle build steps only, never by the Pipeline steps (whose result is the
 * step's return value; an environment contribution would reach every later {@code sh} of every branch). The last
 * external build step of the build wins. Invisible; stored in {@code build.xml}; no secret.
 */
public final class ExternalBuildEnvironmentAction extends InvisibleAction implements EnvironmentContributingAction {

    private volatile String url;
    private volatile String id;
    private volatile String status;
    private volatile int attempt;

    /** Sets the variables of {@code run} to the external build {@code state} ended on. */
    static void set(Run<?, ?> run, RestartState state) {
        ExternalBuildEnvironmentAction a;
        synchronized (run) {
            a = run.getAction(ExternalBuildEnvironmentAction.class);
            if (a == null) {
                a = new ExternalBuildEnvironmentAction();
                run.addAction(a);
            }
        }
        WaitState w = state.waitState();
        a.url = BuildLog.isWeb(w.ref().url()) ? w.ref().url() : "";
        a.id = w.ref().id();
        a.status = w.status() == null ? "unknown" : w.status().state().name().toLowerCase(Locale.ROOT);
        a.attempt = w.attempt();
    }

    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        if (id == null) {
            return;
        }
        env.put("EXTERNAL_BUILD_URL", url);
        env.put("EXTERNAL_BUILD_ID", id);
        env.put("EXTERNAL_BUILD_STATUS", status);
        env.put("EXTERNAL_BUILD_ATTEMPT", String.valueOf(attempt));
    }
}
