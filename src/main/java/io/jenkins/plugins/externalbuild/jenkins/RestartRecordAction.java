package io.jenkins.plugins.externalbuild.jenkins;

import hudson.model.InvisibleAction;
import hudson.model.Run;
import io.jenkins.plugins.externalbuild.engine.MemoryRestartLedger;
import io.jenkins.plugins.externalbuild.engine.RestartLedger;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The restarts a run's Pipeline steps sent, per step (its FlowNode id), kept in the run's {@code build.xml}: the
 * replay guard ({@link StepRestartLedger}) lives with the run, not in a JVM-wide file. Invisible; no secret (remote
 * URLs and attempt numbers only).
 */
public final class RestartRecordAction extends InvisibleAction {

    private static final Logger LOGGER = Logger.getLogger(RestartRecordAction.class.getName());

    /** Step key → the step's record as JSON ({@link MemoryRestartLedger#toJson}). */
    private Map<String, String> steps; // guarded by this; null until a restart is recorded
    private transient Map<String, StepRestartLedger.Record> records;

    /** The guard of step {@code stepKey} in {@code run}, following the original run's restarts when it is a replay. */
    static RestartLedger forStep(Run<?, ?> run, String stepKey) {
        StepRestartLedger.Record own = of(run, true).record(stepKey);
        Run<?, ?> original = originalOf(run);
        RestartRecordAction theirs = original == null ? null : of(original, false);
        return new StepRestartLedger(own, theirs == null ? null : theirs.record(stepKey), () -> save(run, stepKey, own));
    }

    private static RestartRecordAction of(Run<?, ?> run, boolean create) {
        synchronized (run) {
            RestartRecordAction a = run.getAction(RestartRecordAction.class);
            if (a == null && create) {
                a = new RestartRecordAction();
                run.addAction(a);
            }
            return a;
        }
    }

    /** The run {@code run} replays (Pipeline "Replay" or "Rebuild"), or null. */
    private static Run<?, ?> originalOf(Run<?, ?> run) {
        Jenkins j = Jenkins.getInstanceOrNull();
        if (j == null || j.getPlugin("workflow-cps") == null) {
            return null; // optional dependency: ReplayCause is only loaded when Pipeline: Groovy is installed
        }
        return ReplayOrigin.of(run);
    }

    private synchronized StepRestartLedger.Record record(String stepKey) {
        if (records == null) {
            records = new HashMap<>();
        }
        return records.computeIfAbsent(stepKey, k -> {
            String json = steps == null ? null : steps.get(k);
            return json == null ? new StepRestartLedger.Record() : new StepRestartLedger.Record(MemoryRestartLedger.fromJson(json));
        });
    }

    private static void save(Run<?, ?> run, String stepKey, StepRestartLedger.Record record) {
        RestartRecordAction a = of(run, true);
        synchronized (a) {
            if (a.steps == null) {
                a.steps = new HashMap<>();
            }
            a.steps.put(stepKey, record.toJson());
        }
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not save the restart record of " + run.getExternalizableId(), e);
        }
    }
}
