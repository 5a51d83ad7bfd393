package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.externalbuild.engine.RestartLoop;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one JVM-wide owner of what every external-build step shares: the bounded io pool that runs all
 * provider HTTP calls (never the Timer's threads), the OkHttp client (Jenkins proxy configuration read per
 * request), the provider registry and the {@link RestartLoop} on Jenkins' Timer.
 */
@Extension
public final class ExternalBuildService {

    /** Provider calls in flight at once, for the whole controller; more wait in the queue. */
    static final int IO_THREADS = 4;
    static final int IO_QUEUE = 10_000;

    private final ExecutorService io;
    private final ProviderContext context;
    private final ProviderRegistry registry = ProviderRegistry.standard();
    private final RestartLoop loop;

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
        this.io = pool;
        HttpTransport.Settings d = HttpTransport.Settings.defaults();
        // No in-transport GET retries: they would pause a pool thread. A failed poll is retried by the engine,
        // on the Timer, with its backoff.
        HttpTransport.Settings settings = new HttpTransport.Settings(d.connectTimeout(), d.readTimeout(), d.callTimeout(),
                d.maxResponseBytes(), 0, d.retryPause());
        this.context = new ProviderContext(JenkinsProxy.configure(HttpTransport.clientBuilder(settings)).build(), settings,
                pause -> { }, Clock.systemUTC());
        this.loop = new RestartLoop(new TimerScheduler(), io, () -> ThreadLocalRandom.current().nextDouble());
    }

    public static ExternalBuildService get() {
        return ExtensionList.lookupSingleton(ExternalBuildService.class);
    }

    ExecutorService io() {
        return io;
    }

    ProviderRegistry registry() {
        return registry;
    }

    RestartLoop loop() {
        return loop;
    }

    /** A connection to the target's provider; sends nothing. */
    Provider connect(BuildTarget target, ProviderCredentials credentials) {
        return registry.type(target.ref().provider())
                .connect(new ConnectionSettings(target.apiBase(), credentials, Map.of()), context);
    }
}
