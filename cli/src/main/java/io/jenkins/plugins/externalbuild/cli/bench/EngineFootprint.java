package io.jenkins.plugins.externalbuild.cli.bench;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.ExecutorScheduler;
import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.RateBudget;
import io.jenkins.plugins.externalbuild.engine.WaitEngine;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real engine's cost, measured in this JVM (not simulated): N waits on real executors, each polled once
 * and then waiting; the threads the engine's executors run, and the heap retained per wait after a full GC.
 */
final class EngineFootprint {

    record Figures(int waits, int threads, long bytesPerWait) {
    }

    private EngineFootprint() {
    }

    static Figures measure(int waits) throws InterruptedException {
        AtomicInteger created = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> thread(r, created));
        ExecutorService io = Executors.newFixedThreadPool(3, r -> thread(r, created));
        try {
            long before = usedHeap();
            WaitEngine engine = new WaitEngine(new ExecutorScheduler(timer, Clock.systemUTC()), io, Math::random);
            AtomicInteger polled = new AtomicInteger();
            PollSource source = new PollSource("footprint", refs -> {
                polled.addAndGet(refs.size());
                Map<BuildRef, Object> out = new java.util.HashMap<>();
                refs.forEach(r -> out.put(r, BuildStatus.of(BuildStatus.State.RUNNING, "running")));
                return out;
            }, 100, RateBudget.unlimited("footprint"));
            WaitPolicy policy = WaitPolicy.defaults().withTimeout(Duration.ofHours(1));
            List<WaitEngine.Handle> handles = new ArrayList<>(waits);
            for (int i = 0; i < waits; i++) {
                BuildRef ref = new BuildRef("gitlab", "pipeline", "https://gitlab.example.com", "group/app",
                        Integer.toString(100_000 + i), "https://gitlab.example.com/group/app/-/pipelines/" + (100_000 + i));
                WaitState s = WaitState.start(Attempt.first(ref), List.of(), java.time.Instant.now(), policy, Duration.ZERO);
                handles.add(engine.start(s, policy, source, outcome -> { }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (polled.get() < waits && System.nanoTime() < deadline) {
                Thread.sleep(50); // measurement harness, not engine code: let every wait take its first poll
            }
            long after = usedHeap();
            int threads = created.get();
            handles.forEach(WaitEngine.Handle::cancel);
            return new Figures(waits, threads, Math.max(0, (after - before) / waits));
        } finally {
            timer.shutdownNow();
            io.shutdownNow();
        }
    }

    private static Thread thread(Runnable r, AtomicInteger created) {
        Thread t = new Thread(r, "bench-engine-" + created.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100); // measurement harness: let the collector settle
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
