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
        of(run).record(key, state);
        save(run);
    }

    /** Records, follows and releases as {@link StepServices} asks, in the run's action, saving the run. */
    static StepServices.RunRecorder recorder() {
        return new StepServices.RunRecorder() {
            @Override
            public void record(Run<?, ?> run, String key, RestartState state) {
                ExternalBuildAction.record(run, key, state);
            }

            @Override
            public void follow(Run<?, ?> run, InFlightBuild build) {
                of(run).follow(build);
                save(run);
            }

            @Override
            public void release(Run<?, ?> run, String key) {
                ExternalBuildAction action = run.getAction(ExternalBuildAction.class);
                if (action != null && action.release(key)) {
                    save(run);
                }
            }
        };
    }

    /**
     * Takes every step of {@code run} still following a remote build (the run ended without them) and saves the
     * run, so that each is taken once.
     */
    static List<InFlightBuild> takeInFlight(Run<?, ?> run) {
        ExternalBuildAction action = run.getAction(ExternalBuildAction.class);
        List<InFlightBuild> taken = action == null ? List.of() : action.takeInFlight();
        if (!taken.isEmpty()) {
            save(run);
        }
        return taken;
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

    /** Shows {@code state} under {@code key}; a step's in-flight build follows it, and is dropped once it ends. */
    synchronized void record(String key, RestartState state) {
        put(ExternalBuildRecord.of(key, state));
        if (inFlight != null) {
            inFlight.stream().filter(b -> b.key().equals(key)).forEach(b -> b.update(state));
            if (state.phase() == RestartState.Phase.DONE) {
                release(key);
            }
        }
    }

    /** A step follows {@code build} until it ends or is stopped ({@link #release}). */
    synchronized void follow(InFlightBuild build) {
        if (inFlight == null) {
            inFlight = new ArrayList<>();
        }
        inFlight.removeIf(b -> b.key().equals(build.key()));
        inFlight.add(build);
    }

    /** Step {@code key} applies {@code onAbort} itself from now on (it was stopped); whether it was followed. */
    synchronized boolean release(String key) {
        return inFlight != null && inFlight.removeIf(b -> b.key().equals(key));
    }

    /** Takes every in-flight build; each is taken once. */
    synchronized List<InFlightBuild> takeInFlight() {
        List<InFlightBuild> taken = inFlight == null ? List.of() : List.copyOf(inFlight);
        inFlight = null;
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
