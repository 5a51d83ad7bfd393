package io.jenkins.plugins.externalbuild.jenkins;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A {@link StepContext} for offline execution tests: a build log in memory, no {@code Run} (the test's
 * {@link StepServices} never needs one), every completion and {@code saveState()} recorded.
 */
final class TestStepContext extends StepContext {

    private static final long serialVersionUID = 1L;

    private final transient ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final transient PrintStream logger = new PrintStream(log, true, StandardCharsets.UTF_8);
    final transient List<Object> successes = new ArrayList<>();
    final transient List<Throwable> failures = new ArrayList<>();
    int saves;
    Result result;

    @Override
    public <T> T get(Class<T> key) {
        if (key == TaskListener.class) {
            return key.cast((TaskListener) () -> logger);
        }
        return null; // Run: the test services take none
    }

    @Override
    public synchronized void onSuccess(Object result) {
        successes.add(result);
    }

    @Override
    public synchronized void onFailure(Throwable t) {
        failures.add(t);
    }

    @Override
    public synchronized boolean isReady() {
        return successes.isEmpty() && failures.isEmpty();
    }

    @Override
    public synchronized ListenableFuture<Void> saveState() {
        saves++;
        return Futures.immediateFuture(null);
    }

    @Override
    public synchronized void setResult(Result r) {
        result = r;
    }

    @Override
    public BodyInvoker newBodyInvoker() {
        throw new IllegalStateException("the external-build steps take no body");
    }

    @Override
    public boolean equals(Object o) {
        return this == o; // one context per step execution
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** The one result the step completed with; fails if it failed or completed twice. */
    synchronized Object result() {
        if (!failures.isEmpty()) {
            throw new AssertionError("the step failed: " + failures, failures.get(0));
        }
        if (successes.size() != 1) {
            throw new AssertionError("completed " + successes.size() + " times: " + successes);
        }
        return successes.get(0);
    }
}
