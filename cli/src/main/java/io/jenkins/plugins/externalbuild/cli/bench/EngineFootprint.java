package io.jenkins.plugins.externalbuild.cli.bench;

import io.jenkins.plugins.externalbuild.cli.EngineThreads;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.ExecutorScheduler;
import io.jenkins.plugins.externalbuild.engine.WaitEngine;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real engine's cost in steady state, measured in this JVM (not simulated): N waits of the GitLab adapter on
 * the CLI's executor ({@link EngineThreads}, as {@code Waiting} builds it: one thread for the scheduler and the
 * calls) and OkHttp, polling a
 * loopback GitLab whose pipelines never end, until every wait has been polled several times. Threads: every thread
 * started since the baseline except the loopback server's, and OkHttp's and Okio's whenever they started. Heap: retained after a full GC,
 * minus the baseline, per wait.
 */
final class EngineFootprint {

    /** Polls per wait (on average) before measuring: well past the first. */
    static final int POLLS_PER_WAIT = 4;

    record Figures(int waits, long polls, List<String> threads, long bytesPerWait, double seconds) {
        String describe() {
            return String.format(java.util.Locale.ROOT, "Real engine, %,d waits on loopback HTTP after %,d polls (%.1f per "
                    + "wait, %.0f s): %d threads %s, %,d bytes of heap per wait", waits, polls, (double) polls / waits,
                    seconds, threads.size(), threads, bytesPerWait);
        }
    }

    private EngineFootprint() {
    }

    static Figures measure(int waits) throws Exception {
        return measure(waits, WaitPolicy.defaults().withTimeout(Duration.ofHours(1)));
    }

    /** {@link #measure(int)} with another poll schedule (tests poll faster). */
    static Figures measure(int waits, WaitPolicy policy) throws Exception {
        AtomicLong polls = new AtomicLong();
        try (LoopbackGitLab server = new LoopbackGitLab(0, id -> {
            polls.incrementAndGet();
            return Long.MAX_VALUE;
        })) {
            Set<Long> before = threadIds();
            long heapBefore = usedHeap();
            long started = System.nanoTime();
            ScheduledExecutorService threads = EngineThreads.start();
            try {
                HttpTransport.Settings settings = HttpTransport.Settings.defaults();
                ProviderContext context = new ProviderContext(HttpTransport.clientBuilder(settings).build(), settings,
                        d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
                ProviderType type = ProviderRegistry.standard().type("gitlab");
                Provider provider = type.connect(new ConnectionSettings(URI.create(server.apiBase()),
                        new ProviderCredentials.TokenCredentials(Token.of("glpat-footprint-0000")), Map.of()), context);
                WaitEngine engine = new WaitEngine(new ExecutorScheduler(threads, Clock.systemUTC()), threads, Math::random);
                List<WaitEngine.Handle> handles = new ArrayList<>(waits);
                for (int i = 0; i < waits; i++) {
                    BuildRef ref = type.fromCoordinates("https://gitlab.example.com", "group/app", "pipeline",
                            Integer.toString(100_000 + i));
                    WaitState s = WaitState.start(Attempt.first(ref), List.of(),
                            java.time.Instant.now(), policy, policy.firstPoll());
                    handles.add(engine.start(s, policy, provider.pollSource(), (WaitOutcome o) -> { }));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                while (polls.get() < (long) POLLS_PER_WAIT * waits && System.nanoTime() < deadline) {
                    Thread.sleep(200); // measurement harness, not engine code
                }
                long heapAfter = usedHeap();
                List<String> names = newThreads(before);
                java.util.Collections.sort(names);
                long done = polls.get();
                double seconds = (System.nanoTime() - started) / 1e9;
                handles.forEach(WaitEngine.Handle::cancel);
                return new Figures(waits, done, names, Math.max(0, (heapAfter - heapBefore) / waits), seconds);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static Set<Long> threadIds() {
        Set<Long> ids = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> ids.add(t.getId()));
        return ids;
    }

    /**
     * The threads started since the baseline, except the loopback server's; and the HTTP stack's (OkHttp's, Okio's),
     * which are shared by the JVM and may have started before it (in {@code bench}, for the simulated cells).
     */
    private static List<String> newThreads(Set<Long> before) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            boolean http = t.getName().startsWith("OkHttp") || t.getName().startsWith("Okio");
            if ((http || !before.contains(t.getId())) && t.isAlive() && !t.getName().startsWith("loopback-server")
                    && !t.getName().startsWith("HTTP-Dispatcher")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // measurement harness: let the collector settle
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
