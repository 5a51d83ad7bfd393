package io.jenkins.plugins.externalbuild.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.externalbuild.engine.RestartLedger;
import io.jenkins.plugins.externalbuild.engine.RestartLoop;
import io.jenkins.plugins.externalbuild.engine.WaitEngine;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.engine.Scheduler;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Endpoint;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildProviderType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Everything the external-build steps need from their host, as one seam: the clock and Timer
 * ({@link Scheduler}), the bounded io pool, the HTTP client ({@link ProviderContext}), the provider registry,
 * the configured endpoints and wait defaults, the credentials lookup and the run page. {@link ExternalBuildService}
 * binds them to Jenkins (Timer, {@code ExternalBuildConfiguration}, {@code CredentialsLookup},
 * {@code ExternalBuildAction}); offline tests bind a fake clock, a manual io queue and scripted credentials, so
 * that the step executions run without a Jenkins. Holds no secret; never persisted.
 */
final class StepServices {

    /** The credentials with {@code id} as {@code run}'s job sees them (usage tracked); none for a null id. */
    @FunctionalInterface
    interface CredentialsResolver {
        ProviderCredentials forRun(String id, Run<?, ?> run, String serverUrl) throws AbortException;
    }

    /** The replay guard of one step of {@code run} ({@code stepKey}: its FlowNode id), kept with the run. */
    @FunctionalInterface
    interface StepLedgers {
        RestartLedger forStep(Run<?, ?> run, String stepKey);
    }

    /** Shows {@code state} on {@code run}'s page under {@code key} (one key per step). */
    @FunctionalInterface
    interface RunRecorder {
        void record(Run<?, ?> run, String key, RestartState state);

        /** A Pipeline step of {@code run} follows {@code build}: kept with the run until the step ends. */
        default void follow(Run<?, ?> run, InFlightBuild build) {
        }

        /** The step {@code key} of {@code run} was stopped: it applies {@code onAbort} itself. */
        default void release(Run<?, ?> run, String key) {
        }
    }

    private final ProviderRegistry registry;
    private final ProviderContext providers;
    private final Scheduler scheduler;
    private final Executor io;
    private final RestartLoop loop;
    private final StepLedgers ledgers;
    private final CredentialsResolver credentials;
    private final BooleanSupplier controllerAwsAllowed;
    private final RunRecorder recorder;
    private final Supplier<List<Endpoint>> endpoints;
    private final IntFunction<WaitPolicy> waitPolicy;
    private volatile boolean closed;

    /**
     * @param ledgers the record of restarts per step that keeps a replayed Pipeline from restarting the same attempt
     *                twice (a new run of the job has its own, and restarts)
     */
    StepServices(ProviderRegistry registry, ProviderContext providers, Scheduler scheduler, Executor io,
                 DoubleSupplier random, StepLedgers ledgers, CredentialsResolver credentials,
                 BooleanSupplier controllerAwsAllowed, RunRecorder recorder,
                 Supplier<List<Endpoint>> endpoints, IntFunction<WaitPolicy> waitPolicy) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.io = Objects.requireNonNull(io, "io");
        // One engine for the JVM: every wait on a provider account shares its budget, polls and batched reads.
        this.loop = new RestartLoop(new WaitEngine(scheduler, io, random), RestartLedger.none());
        this.ledgers = Objects.requireNonNull(ledgers, "ledgers");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.controllerAwsAllowed = Objects.requireNonNull(controllerAwsAllowed, "controllerAwsAllowed");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.waitPolicy = Objects.requireNonNull(waitPolicy, "waitPolicy");
    }

    ProviderRegistry registry() {
        return registry;
    }

    Executor io() {
        return io;
    }

    RestartLoop loop() {
        return loop;
    }

    /**
     * Jenkins is shutting down: what the loops report from now on is dropped (an in-flight call interrupted by
     * the shutdown must not end its step), and each durable step resumes from its last saved phase.
     */
    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    /** The replay guard of step {@code stepKey} of {@code run}. */
    RestartLedger ledger(Run<?, ?> run, String stepKey) {
        return ledgers.forStep(run, stepKey);
    }

    Instant now() {
        return scheduler.now();
    }

    /** The build the step's fields name, with the configured endpoints. */
    BuildTarget resolve(BuildTarget.Input input) {
        return BuildTarget.resolve(input, registry, endpoints.get());
    }

    /**
     * A connection to the target's provider with {@code run}'s credentials; sends nothing. CodeBuild without a
     * Jenkins credential would sign with the controller's own AWS identity (environment, {@code ~/.aws}, instance
     * or container role): refused unless an administrator allowed it in the global configuration.
     */
    Provider connect(BuildTarget target, Run<?, ?> run) throws AbortException {
        ProviderCredentials c = credentials.forRun(target.credentialsId(), run, target.ref().server());
        if (CodeBuildProviderType.ID.equals(target.ref().provider()) && usesControllerIdentity(c)
                && !controllerAwsAllowed.getAsBoolean()) {
            throw new AbortException("AWS CodeBuild needs credentials from Jenkins (credentialsId, or the endpoint's): "
                    + "using the controller's own AWS identity is off (an administrator can allow it in Manage Jenkins "
                    + "→ System → External builds)");
        }
        // Provider options (a request ceiling) come from the endpoint serving the build's server: found again on resume.
        Map<String, String> options = endpoints.get().stream()
                .filter(e -> e.serves(target.ref().provider(), target.ref().server())).findFirst()
                .map(Endpoint::options).orElse(Map.of());
        return registry.type(target.ref().provider())
                .connect(new ConnectionSettings(target.apiBase(), c, options),
                        allowsHttp(target) ? providers.allowingCleartext() : providers);
    }

    /**
     * Whether an endpoint lets this target's credentials go over plain http: the one it was resolved with, or (for a
     * wait resumed after a restart, which keeps only the API base) one with "Allow plain http" serving its server or
     * API base.
     */
    private boolean allowsHttp(BuildTarget target) {
        return target.allowHttp() || endpoints.get().stream().anyMatch(e -> e.allowHttp()
                && (e.serves(target.ref().provider(), target.ref().server())
                || e.apiBase() != null && e.apiBase().equals(target.apiBase())));
    }

    /** The wait policy for a step timeout in minutes (0 for the configured default). */
    WaitPolicy waitPolicy(int timeoutMinutes) {
        return waitPolicy.apply(timeoutMinutes);
    }

    /** No credentials, or AWS ones without keys: the AWS default chain of the controller's process. */
    static boolean usesControllerIdentity(ProviderCredentials c) {
        return c instanceof ProviderCredentials.None
                || c instanceof ProviderCredentials.Aws aws && aws.accessKeyId() == null;
    }

    void record(Run<?, ?> run, String key, RestartState state) {
        recorder.record(run, key, state);
    }

    void follow(Run<?, ?> run, InFlightBuild build) {
        recorder.follow(run, build);
    }

    void release(Run<?, ?> run, String key) {
        recorder.release(run, key);
    }
}
