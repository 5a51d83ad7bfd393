package io.jenkins.plugins.externalbuild.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The anchors and the even-spreading references on one scenario and workload, in virtual time. They are models
 * of other tools' loops (their requests hit the same simulated account limit, {@link Limiter}); "ours" is not
 * modelled here but run through the whole real stack ({@link WholeStack}).
 */
final class Simulation {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Waits still running after this much virtual time count as missed. */
    static final long HORIZON_MILLIS = Duration.ofHours(48).toMillis();
    /** The hinted reference treats a build as due from this share of its expected duration on. */
    static final double DUE_FROM = 0.9;

    private final Scenario scenario;
    private final Workload workload;

    Simulation(Scenario scenario, Workload workload) {
        this.scenario = scenario;
        this.workload = workload;
    }

    private static long t0() {
        return T0.toEpochMilli();
    }

    /**
     * One anchor: every wait polls on its own loop; a poll tells something only when all its requests are
     * accepted (a rejection tells nothing; the real tools would mostly fail the wait, here they keep polling).
     * While the account is spent until its reset, the polls up to the reset are counted without being simulated
     * one by one.
     */
    Result anchor(AnchorPolicy policy) {
        VirtualScheduler clock = new VirtualScheduler(T0);
        SimulatedProvider server = server();
        Limiter limiter = server.limiter;
        Random random = new Random(workload.seed() + 17);
        long[] latency = new long[workload.n()];
        int[] detected = {0};
        long[] sent = {0};
        for (Workload.Build b : workload.builds()) {
            int[] k = {0};
            boolean[] running = {false};
            Runnable[] poll = new Runnable[1];
            poll[0] = () -> {
                long now = clock.millis();
                if (limiter.remaining(now) == 0) {
                    long reset = limiter.resetMillis(now);
                    long t = now;
                    while (t < reset) {
                        int r = policy.requests(k[0]);
                        sent[0] += r;
                        limiter.rejected += r;
                        t += policy.pauseAfter(k[0]++, running[0], random);
                    }
                    clock.schedule(poll[0], Duration.ofMillis(t - now));
                    return;
                }
                int r = policy.requests(k[0]);
                boolean ok = true;
                for (int i = 0; i < r; i++) {
                    ok &= limiter.request(now);
                }
                sent[0] += r;
                long pause = policy.pauseAfter(k[0]++, running[0], random);
                if (ok) {
                    SimulatedProvider.Phase p = server.phase(b, now);
                    running[0] = p == SimulatedProvider.Phase.RUNNING;
                    if (p == SimulatedProvider.Phase.SUCCEEDED || p == SimulatedProvider.Phase.FAILED) {
                        latency[detected[0]++] = now + (policy.trailingSleep ? pause : 0) - (t0() + b.end());
                        return;
                    }
                }
                clock.schedule(poll[0], Duration.ofMillis(pause));
            };
            clock.schedule(poll[0], Duration.ofMillis(b.waitStart() + policy.firstDelay()));
        }
        clock.run(t0() + HORIZON_MILLIS);
        return Result.of(scenario.name(), workload.n(), policy.label, sent[0], limiter.rejected, latency, detected[0],
                workload.n() - detected[0]);
    }

    /**
     * The reference: one request per slot at the rate the account truly has left for us (it knows the silent
     * limit and the other client's share, which ours must discover), reading the next unfinished builds of
     * started waits in turn, as many as the provider reads per request. With hints, every other slot goes to the
     * builds past {@value #DUE_FROM} of their expected duration (the others keep the remaining slots).
     */
    Result reference(boolean hinted) {
        VirtualScheduler clock = new VirtualScheduler(T0);
        SimulatedProvider server = server();
        Limiter limiter = server.limiter;
        long interval = (long) Math.ceil(1000 / limiter.availablePerSecond()) + 1;
        int batch = server.batch();
        Deque<Workload.Build> all = new ArrayDeque<>();
        Deque<Workload.Build> due = new ArrayDeque<>();
        PriorityQueue<long[]> notYetDue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        boolean[] done = new boolean[workload.n()];
        long[] latency = new long[workload.n()];
        int[] detected = {0};
        long[] slot = {0};
        PriorityQueue<Workload.Build> starting = new PriorityQueue<>((a, b) -> Long.compare(a.waitStart(), b.waitStart()));
        starting.addAll(workload.builds());
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            long now = clock.millis();
            while (!starting.isEmpty() && starting.peek().waitStart() <= now - t0()) {
                Workload.Build b = starting.poll();
                all.add(b);
                if (hinted && b.expectedMillis() > 0) {
                    notYetDue.add(new long[] {b.runStart() + Math.round(DUE_FROM * b.expectedMillis()), b.id()});
                }
            }
            while (!notYetDue.isEmpty() && notYetDue.peek()[0] <= now - t0()) {
                due.add(workload.builds().get((int) notYetDue.poll()[1]));
            }
            Deque<Workload.Build> ring = hinted && slot[0]++ % 2 == 0 && hasLive(due, done) ? due : all;
            if (hasLive(ring, done) && limiter.request(now)) {
                int take = Math.min(batch, ring.size());
                for (int i = 0; i < take && hasLive(ring, done); i++) {
                    Workload.Build b = ring.poll();
                    SimulatedProvider.Phase p = server.phase(b, now);
                    if (p == SimulatedProvider.Phase.SUCCEEDED || p == SimulatedProvider.Phase.FAILED) {
                        done[b.id()] = true;
                        latency[detected[0]++] = now - (t0() + b.end());
                    } else {
                        ring.add(b);
                    }
                }
            }
            if (detected[0] < workload.n()) {
                clock.schedule(tick[0], Duration.ofMillis(interval));
            }
        };
        clock.schedule(tick[0], Duration.ZERO);
        clock.run(t0() + HORIZON_MILLIS);
        return Result.of(scenario.name(), workload.n(), hinted ? "reference, even spread with hints"
                : "reference, even spread without hints", limiter.accepted + limiter.rejected, limiter.rejected, latency,
                detected[0], workload.n() - detected[0]);
    }

    /** The simulated provider; in a restart scenario each build's new attempt starts as its wait starts (anchors and
     * references model the wait, not the restart). */
    private SimulatedProvider server() {
        SimulatedProvider server = scenario.server(t0());
        for (Workload.Build b : workload.builds()) {
            server.restarted(b, t0() + b.waitStart());
        }
        return server;
    }

    /** Drops finished builds from the head of {@code ring}; whether one is left. */
    private static boolean hasLive(Deque<Workload.Build> ring, boolean[] done) {
        while (!ring.isEmpty() && done[ring.peek().id()]) {
            ring.poll();
        }
        return !ring.isEmpty();
    }
}
