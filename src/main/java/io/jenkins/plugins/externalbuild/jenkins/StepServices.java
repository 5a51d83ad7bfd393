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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
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

    /** Shows {@code state} on {@code run}'s page under {@code key} (one key per step). */
    @FunctionalInterface
    interface RunRecorder {
        void record(Run<?, ?> run, String key, RestartState state);
    }

    private final ProviderRegistry registry;
    private final ProviderContext providers;
    private final Scheduler scheduler;
    private final Executor io;
    private final RestartLoop loop;
    private final CredentialsResolver credentials;
    private final RunRecorder recorder;
    private final Supplier<List<Endpoint>> endpoints;
    private final IntFunction<WaitPolicy> waitPolicy;

    /**
     * @param ledger the record of restarts that keeps a replayed Pipeline or re-run step from restarting the same
     *               attempt twice
     */
    StepServices(ProviderRegistry registry, ProviderContext providers, Scheduler scheduler, Executor io,
                 DoubleSupplier random, RestartLedger ledger, CredentialsResolver credentials, RunRecorder recorder,
                 Supplier<List<Endpoint>> endpoints, IntFunction<WaitPolicy> waitPolicy) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.io = Objects.requireNonNull(io, "io");
        // One engine for the JVM: every wait on a provider account shares its budget, polls and batched reads.
        this.loop = new RestartLoop(new WaitEngine(scheduler, io, random), io, ledger);
        this.credentials = Objects.requireNonNull(credentials, "credentials");
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

    Instant now() {
        return scheduler.now();
    }

    /** The build the step's fields name, with the configured endpoints. */
    BuildTarget resolve(BuildTarget.Input input) {
        return BuildTarget.resolve(input, registry, endpoints.get());
    }

    /** A connection to the target's provider with {@code run}'s credentials; sends nothing. */
    Provider connect(BuildTarget target, Run<?, ?> run) throws AbortException {
        ProviderCredentials c = credentials.forRun(target.credentialsId(), run, target.ref().server());
        return registry.type(target.ref().provider())
                .connect(new ConnectionSettings(target.apiBase(), c, Map.of()),
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

    void record(Run<?, ?> run, String key, RestartState state) {
        recorder.record(run, key, state);
    }
}
