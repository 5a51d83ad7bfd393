package io.jenkins.plugins.externalbuild.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;

/**
 * The run page's "External builds": each external build the run touched, with its attempt chain and result.
 * Stored in {@code build.xml}; no secrets. It contributes no environment: freestyle builds get
 * {@code EXTERNAL_BUILD_*} from {@link ExternalBuildEnvironmentAction}, Pipeline gets the step's return value.
 */
public final class ExternalBuildAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(ExternalBuildAction.class.getName());

    private final List<ExternalBuildRecord> builds = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Records {@code state} under {@code key} (one key per step), then saves the run. */
    static void record(Run<?, ?> run, String key, RestartState state) {
        ExternalBuildAction action;
        synchronized (run) {
            action = run.getAction(ExternalBuildAction.class);
            if (action == null) {
                action = new ExternalBuildAction();
                run.addAction(action);
            }
        }
        action.put(ExternalBuildRecord.of(key, state));
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not save " + run.getExternalizableId(), e);
        }
    }

    /** Adds {@code record}, or replaces the one with its key, keeping what only the earlier one knew. */
    synchronized void put(ExternalBuildRecord record) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < builds.size(); i++) {
            if (builds.get(i).getKey().equals(record.getKey())) {
                builds.set(i, record.continuing(builds.get(i), now));
                return;
            }
        }
        builds.add(record.continuing(null, now));
    }

    public synchronized List<ExternalBuildRecord> getBuilds() {
        return new ArrayList<>(builds);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-external";
    }

    @Override
    public String getDisplayName() {
        return "External builds";
    }

    @Override
    public String getUrlName() {
        return "external-builds";
    }
}
