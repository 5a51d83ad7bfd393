package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one JVM-wide owner of what every external-build step shares: the bounded io pool that runs all
 * provider HTTP calls (never the Timer's threads), the OkHttp client (Jenkins proxy configuration read per
 * request), the provider registry and the restart loop on Jenkins' Timer — handed to the steps as
 * {@link StepServices}, the seam offline tests bind to fakes. At shutdown ({@link #shutdown()}) the pool and
 * the scheduler stop taking work, so that a same-JVM restart does not keep polling with stale contexts.
 */
@Extension
public final class ExternalBuildService {

    /** Provider calls in flight at once, for the whole controller; more wait in the queue. */
    static final int IO_THREADS = 4;
    static final int IO_QUEUE = 10_000;

    private final StepServices services;
    private final IoPool pool = new IoPool(IO_THREADS, IO_QUEUE);
    private final TimerScheduler scheduler = new TimerScheduler();

    public ExternalBuildService() {
        HttpTransport.Settings d = HttpTransport.Settings.defaults();
        // No in-transport GET retries: they would pause a pool thread. A failed poll is retried by the engine,
        // on the Timer, with its backoff.
        HttpTransport.Settings settings = new HttpTransport.Settings(d.connectTimeout(), d.readTimeout(), d.callTimeout(),
                d.maxResponseBytes(), 0, d.retryPause());
        ProviderContext context = new ProviderContext(JenkinsProxy.configure(HttpTransport.clientBuilder(settings)).build(),
                settings, pause -> { }, Clock.systemUTC());
        this.services = new StepServices(ProviderRegistry.standard(), context, scheduler, pool,
                () -> ThreadLocalRandom.current().nextDouble(), RestartRecordAction::forStep,
                CredentialsLookup::forRun, () -> ExternalBuildConfiguration.get().isAllowControllerAwsCredentials(),
                ExternalBuildAction.recorder(),
                () -> ExternalBuildConfiguration.get().endpointValues(),
                minutes -> ExternalBuildConfiguration.get().waitPolicy(minutes));
    }

    /** Jenkins is shutting down: no more polls or provider calls from this controller's services. */
    @Terminator
    public static void shutdown() {
        for (ExternalBuildService s : ExtensionList.lookup(ExternalBuildService.class)) {
            s.close();
        }
    }

    void close() {
        services.close();
        scheduler.close();
        pool.close();
    }

    public static ExternalBuildService get() {
        return ExtensionList.lookupSingleton(ExternalBuildService.class);
    }

    /** The seam the step executions and build steps use; bound to this Jenkins. */
    StepServices services() {
        return services;
    }

    ProviderRegistry registry() {
        return services.registry();
    }
}
