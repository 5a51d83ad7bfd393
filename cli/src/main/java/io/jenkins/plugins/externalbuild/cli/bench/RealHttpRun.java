package io.jenkins.plugins.externalbuild.cli.bench;

import io.jenkins.plugins.externalbuild.cli.EngineThreads;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.ExecutorScheduler;
import io.jenkins.plugins.externalbuild.engine.RateBudgets;
import io.jenkins.plugins.externalbuild.engine.WaitEngine;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Real HTTP, real time: {@value #WAITS} pipelines on a loopback GitLab ({@link LoopbackGitLab}: 60 requests a
 * minute per account, {@code RateLimit-*} on every answer, 429 with {@code Retry-After} over it), waited on at the
 * same time by three clients, each with its own account of the same limit: ours — the GitLab adapter on the CLI's
 * engine path ({@code EngineThreads}: two threads for the scheduler and the calls, {@code HttpTransport}, the account budget shared through a file
 * as the CLI's, {@code WaitEngine}) —
 * and two plain pollers that GET each pipeline every 10 s and every 30 s. Waits start over the first minute; each
 * pipeline runs 30 s to 3 min. Reports requests, rejections, pipelines noticed, latency and CPU seconds.
 */
final class RealHttpRun {

    static final int WAITS = 200;
    static final int LIMIT_PER_MINUTE = 60;
    static final Duration CAP = Duration.ofMinutes(9);

    private RealHttpRun() {
    }

    /** One client's figures. */
    record Row(String client, long requests, long rejected, int noticed, double p50, double p95, double max,
               double cpuSeconds) {
        String row() {
            return String.format(Locale.ROOT, "| %s | %,d | %,d | %d/%d | %.1f | %.1f | %.1f | %.2f |", client, requests,
                    rejected, noticed, WAITS, p50, p95, max, cpuSeconds);
        }
    }

    static void run(PrintWriter out) throws Exception {
        long start = System.currentTimeMillis() + 2_000;
        Random random = new Random(42);
        long[] waitStart = new long[WAITS];
        long[] end = new long[WAITS];
        for (int i = 0; i < WAITS; i++) {
            waitStart[i] = start + (long) (random.nextDouble() * 60_000);
            end[i] = waitStart[i] + 30_000 + (long) (random.nextDouble() * 150_000);
        }
        out.printf(Locale.ROOT, "Real HTTP over loopback: %d pipelines, %d requests a minute per account, three clients "
                + "at once (up to %d minutes)%n%n", WAITS, LIMIT_PER_MINUTE, CAP.toMinutes());
        out.flush();
        long wall = System.nanoTime();
        try (LoopbackGitLab server = new LoopbackGitLab(LIMIT_PER_MINUTE, id -> end[(int) (id - 1000)])) {
            Clients ours = new Clients("ours", true);
            Clients fixed10 = new Clients("fixed-10", false);
            Clients fixed30 = new Clients("fixed-30", false);
            List<CountDownLatch> all = List.of(ours(server, ours, waitStart, end), fixed(server, fixed10, 10, waitStart, end),
                    fixed(server, fixed30, 30, waitStart, end));
            long deadline = System.nanoTime() + CAP.toNanos();
            for (CountDownLatch l : all) {
                l.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            out.println("| client | requests | rejected (429) | noticed | p50 s | p95 s | max s | CPU s |");
            out.println("|---|---:|---:|---|---:|---:|---:|---:|");
            for (Clients c : List.of(ours, fixed10, fixed30)) {
                out.println(c.row(server).row());
                c.close();
            }
        }
        out.printf(Locale.ROOT, "%nWall time %.0f s.%n", (System.nanoTime() - wall) / 1e9);
        out.flush();
    }

    /** One client's threads (for CPU time), token and noticed latencies. */
    private static final class Clients implements ThreadFactory, AutoCloseable {
        final String name;
        final String token;
        final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final ScheduledExecutorService timer;
        final ExecutorService io;

        /** @param engine on the CLI's engine threads (one pool for the scheduler and the calls); else a timer and two io threads */
        Clients(String name, boolean engine) {
            this.name = name;
            this.token = "glpat-" + name + "-loopback00";
            this.timer = engine ? EngineThreads.start(this) : Executors.newSingleThreadScheduledExecutor(this);
            this.io = engine ? timer : Executors.newFixedThreadPool(2, this);
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "bench-" + name + "-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
            return t;
        }

        Row row(LoopbackGitLab server) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpu = 0;
            for (Thread t : threads) {
                long c = mx.getThreadCpuTime(t.getId());
                cpu += Math.max(0, c);
            }
            long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            Result r = Result.of("", WAITS, name, 0, 0, l, l.length, WAITS - l.length);
            return new Row(name, server.accepted(token) + server.rejected(token), server.rejected(token), l.length,
                    r.p50Seconds(), r.p95Seconds(), r.maxSeconds(), cpu / 1e9);
        }

        @Override
        public void close() {
            timer.shutdownNow();
            io.shutdownNow();
        }
    }

    /** Ours: the GitLab adapter and the CLI's engine wiring ({@code Waiting}: {@code EngineThreads}). */
    private static CountDownLatch ours(LoopbackGitLab server, Clients c, long[] waitStart, long[] end)
            throws java.io.IOException {
        // The CLI's budgets are shared by the processes of the machine through a file; here one in a fresh folder.
        RateBudgets budgets = RateBudgets.sharedFile(Files.createTempDirectory("extbuild-bench").resolve("rate-budgets"));
        ProviderContext context = ProviderContext.defaults(budgets);
        ProviderType type = ProviderRegistry.standard().type("gitlab");
        Provider provider = type.connect(new ConnectionSettings(URI.create(server.apiBase()),
                new ProviderCredentials.TokenCredentials(Token.of(c.token)), Map.of()), context);
        WaitEngine engine = new WaitEngine(new ExecutorScheduler(c.timer, Clock.systemUTC()), c.io, new Random(7)::nextDouble);
        WaitPolicy policy = WaitPolicy.defaults().withTimeout(CAP);
        CountDownLatch done = new CountDownLatch(WAITS);
        for (int i = 0; i < WAITS; i++) {
            int id = i;
            BuildRef ref = type.fromCoordinates("https://gitlab.example.com", "group/app", "pipeline",
                    Integer.toString(1000 + i));
            c.timer.schedule(() -> {
                WaitState s = WaitState.start(Attempt.first(ref), List.of(), Instant.now(), policy, Duration.ZERO);
                engine.start(s, policy, provider.pollSource(), (WaitOutcome o) -> {
                    if (o.result() == WaitOutcome.Result.SUCCEEDED) {
                        c.latencies.add(System.currentTimeMillis() - end[id]);
                    }
                    done.countDown();
                });
            }, Math.max(0, waitStart[i] - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }
        return done;
    }

    /** A plain poller: GET every {@code seconds} from the wait's start; any non-2xx answer tells it nothing. */
    private static CountDownLatch fixed(LoopbackGitLab server, Clients c, int seconds, long[] waitStart, long[] end) {
        OkHttpClient client = new OkHttpClient.Builder().build();
        CountDownLatch done = new CountDownLatch(WAITS);
        for (int i = 0; i < WAITS; i++) {
            int id = i;
            Request request = new Request.Builder().url(server.apiBase() + "/projects/group%2Fapp/pipelines/" + (1000 + i))
                    .header("PRIVATE-TOKEN", c.token).build();
            Runnable[] poll = new Runnable[1];
            poll[0] = () -> c.io.execute(() -> {
                try (Response r = client.newCall(request).execute()) {
                    String body = r.body().string();
                    if (r.code() == 200 && body.contains("\"success\"")) {
                        c.latencies.add(System.currentTimeMillis() - end[id]);
                        done.countDown();
                        return;
                    }
                } catch (java.io.IOException e) {
                    // a plain poller just tries again next time
                }
                c.timer.schedule(poll[0], seconds, TimeUnit.SECONDS);
            });
            c.timer.schedule(poll[0], Math.max(0, waitStart[i] - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }
        return done;
    }
}
