package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.externalbuild.engine.FileRestartLedger;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadLocalRandom;
import jenkins.model.Jenkins;

/**
 * The one JVM-wide owner of what every external-build step shares: the bounded io pool that runs all
 * provider HTTP calls (never the Timer's threads), the OkHttp client (Jenkins proxy configuration read per
 * request), the provider registry and the restart loop on Jenkins' Timer — handed to the steps as
 * {@link StepServices}, the seam offline tests bind to fakes.
 */
@Extension
public final class ExternalBuildService {

    /** Provider calls in flight at once, for the whole controller; more wait in the queue. */
    static final int IO_THREADS = 4;
    static final int IO_QUEUE = 10_000;

    private final StepServices services;

    /** Where the record of restarts lives, in the controller's home. */
    static final String LEDGER_FILE = "io.jenkins.plugins.externalbuild.restarts.json";

    public ExternalBuildService() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "external-build io " + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(IO_QUEUE), threads);
        pool.allowCoreThreadTimeOut(true);
        HttpTransport.Settings d = HttpTransport.Settings.defaults();
        // No in-transport GET retries: they would pause a pool thread. A failed poll is retried by the engine,
        // on the Timer, with its backoff.
        HttpTransport.Settings settings = new HttpTransport.Settings(d.connectTimeout(), d.readTimeout(), d.callTimeout(),
                d.maxResponseBytes(), 0, d.retryPause());
        ProviderContext context = new ProviderContext(JenkinsProxy.configure(HttpTransport.clientBuilder(settings)).build(),
                settings, pause -> { }, Clock.systemUTC());
        this.services = new StepServices(ProviderRegistry.standard(), context, new TimerScheduler(), pool,
                () -> ThreadLocalRandom.current().nextDouble(),
                FileRestartLedger.open(Jenkins.get().getRootDir().toPath().resolve(LEDGER_FILE)), CredentialsLookup::forRun, ExternalBuildAction::record,
                () -> ExternalBuildConfiguration.get().endpointValues(),
                minutes -> ExternalBuildConfiguration.get().waitPolicy(minutes));
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
