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
 * The run page's "External builds": each external build the run touched, with its attempt chain and result; and,
 * while a Pipeline step runs, what {@link AbortedRunListener} needs to apply its {@code onAbort} if the run ends
 * without the step ({@link InFlightBuild}). Stored in {@code build.xml}; no secrets. It contributes no environment: freestyle builds get
 * {@code EXTERNAL_BUILD_*} from {@link ExternalBuildEnvironmentAction}, Pipeline gets the step's return value.
 */
public final class ExternalBuildAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(ExternalBuildAction.class.getName());

    private final List<ExternalBuildRecord> builds = new ArrayList<>();
    /** The Pipeline steps still following a remote build (null in runs saved before it existed). */
    private List<InFlightBuild> inFlight;
    private transient Run<?, ?> run;

    /** Records {@code state} under {@code key} (one key per step), then saves the run. */
    static void record(Run<?, ?> run, String key, RestartState state) {
        of(run).put(ExternalBuildRecord.of(key, state), key, state);
        save(run);
    }

    /** Records, follows and releases as {@link StepServices} asks, in the run's action. */
    static StepServices.RunRecorder recorder() {
        return new StepServices.RunRecorder() {
            @Override
            public void record(Run<?, ?> run, String key, RestartState state) {
                ExternalBuildAction.record(run, key, state);
            }

            @Override
            public void follow(Run<?, ?> run, InFlightBuild build) {
                ExternalBuildAction.follow(run, build);
            }

            @Override
            public void release(Run<?, ?> run, String key) {
                ExternalBuildAction.release(run, key);
            }
        };
    }

    /** Step {@code key} of {@code run} follows {@code build} until it ends or is stopped ({@link #release}). */
    static void follow(Run<?, ?> run, InFlightBuild build) {
        ExternalBuildAction action = of(run);
        synchronized (action) {
            if (action.inFlight == null) {
                action.inFlight = new ArrayList<>();
            }
            action.inFlight.removeIf(b -> b.key().equals(build.key()));
            action.inFlight.add(build);
        }
        save(run);
    }

    /** Step {@code key} applies {@code onAbort} itself from now on (it was stopped). */
    static void release(Run<?, ?> run, String key) {
        ExternalBuildAction action = run.getAction(ExternalBuildAction.class);
        if (action != null && action.removeInFlight(key)) {
            save(run);
        }
    }

    private static ExternalBuildAction of(Run<?, ?> run) {
        synchronized (run) {
            ExternalBuildAction action = run.getAction(ExternalBuildAction.class);
            if (action == null) {
                action = new ExternalBuildAction();
                run.addAction(action);
            }
            return action;
        }
    }

    private static void save(Run<?, ?> run) {
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not save " + run.getExternalizableId(), e);
        }
    }

    private synchronized void put(ExternalBuildRecord record, String key, RestartState state) {
        put(record);
        if (inFlight != null) {
            for (InFlightBuild b : inFlight) {
                if (b.key().equals(key)) {
                    b.update(state);
                }
            }
            if (state.phase() == RestartState.Phase.DONE) {
                removeInFlight(key);
            }
        }
    }

    private synchronized boolean removeInFlight(String key) {
        return inFlight != null && inFlight.removeIf(b -> b.key().equals(key));
    }

    /**
     * Takes every step of {@code run} still following a remote build (the run ended without them) and saves the
     * run, so that each is taken once.
     */
    static List<InFlightBuild> takeInFlight(Run<?, ?> run) {
        ExternalBuildAction action = run.getAction(ExternalBuildAction.class);
        if (action == null) {
            return List.of();
        }
        List<InFlightBuild> taken;
        synchronized (action) {
            taken = action.inFlight == null ? List.of() : new ArrayList<>(action.inFlight);
            action.inFlight = null;
        }
        if (!taken.isEmpty()) {
            save(run);
        }
        return taken;
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
