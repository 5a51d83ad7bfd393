package io.jenkins.plugins.externalbuild.cli.bench;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.ClassifiedFailure;
import io.jenkins.plugins.externalbuild.engine.FailureKind;
import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.RateBudget;
import io.jenkins.plugins.externalbuild.engine.WaitEngine;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Runs one policy over one {@link Workload} against one {@link RateLimit}, in virtual time. The anchors and the
 * even-spreading reference are simulated by their schedules; "ours" is the real {@link WaitEngine} on a
 * {@link VirtualScheduler}, its requests counted and limited by the simulated provider.
 */
final class Simulation {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Waits still running after this much virtual time count as undetected. */
    static final long HORIZON_MILLIS = Duration.ofHours(48).toMillis();

    private final Workload workload;
    private final RateLimit limit;

    Simulation(Workload workload, RateLimit limit) {
        this.workload = workload;
        this.limit = limit;
    }

    private BuildStatus statusAt(Workload.Build b, long now) {
        long start = T0.toEpochMilli() + b.startMillis();
        long end = T0.toEpochMilli() + b.endMillis();
        if (now < start) {
            return BuildStatus.of(State.QUEUED, "queued");
        }
        if (now < end) {
            return BuildStatus.of(State.RUNNING, "in_progress").withTiming(start, null);
        }
        return BuildStatus.of(b.fails() ? State.FAILED : State.SUCCESS, b.fails() ? "failure" : "success")
                .withTiming(start, b.durationMillis());
    }

    private long endOf(Workload.Build b) {
        return T0.toEpochMilli() + b.endMillis();
    }

    /** One anchor: every build polled on its own timer; rejected requests are counted and tell it nothing. */
    Result anchor(AnchorPolicy policy) {
        VirtualScheduler clock = new VirtualScheduler(T0);
        RateLimit.Counter counter = new RateLimit.Counter(limit);
        Random random = new Random(workload.seed() + 17);
        long[] latency = new long[workload.n()];
        int[] detected = {0};
        for (Workload.Build b : workload.builds()) {
            int[] k = {0};
            Runnable[] poll = new Runnable[1];
            poll[0] = () -> {
                long now = clock.millis();
                if (counter.request(now) && statusAt(b, now).terminal()) {
                    latency[detected[0]++] = now - endOf(b);
                    return;
                }
                clock.schedule(poll[0], Duration.ofMillis(policy.delayMillis(++k[0], random)));
            };
            clock.schedule(poll[0], Duration.ofMillis(policy.delayMillis(0, random)));
        }
        clock.run(T0.toEpochMilli() + HORIZON_MILLIS);
        return Result.of(limit.name(), workload.n(), policy.label, 1, counter.accepted + counter.rejected,
                counter.rejected, latency, detected[0]);
    }

    /** The reference: one request every 1/rate seconds, reading the next {@code batch} unfinished builds in turn. */
    Result evenSpread(int batch) {
        VirtualScheduler clock = new VirtualScheduler(T0);
        RateLimit.Counter counter = new RateLimit.Counter(limit);
        long interval = Math.max(1, Math.round(limit.windowMillis() / (double) limit.limit()));
        Deque<Workload.Build> ring = new ArrayDeque<>(workload.builds());
        long[] latency = new long[workload.n()];
        int[] detected = {0};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            long now = clock.millis();
            if (counter.request(now)) {
                for (int i = 0; i < batch && !ring.isEmpty(); i++) {
                    Workload.Build b = ring.poll();
                    if (statusAt(b, now).terminal()) {
                        latency[detected[0]++] = now - endOf(b);
                    } else {
                        ring.add(b);
                    }
                }
            }
            if (!ring.isEmpty()) {
                clock.schedule(tick[0], Duration.ofMillis(interval));
            }
        };
        clock.schedule(tick[0], Duration.ofMillis(interval));
        clock.run(T0.toEpochMilli() + HORIZON_MILLIS);
        return Result.of(limit.name(), workload.n(), "even spread (reference)", batch, counter.accepted + counter.rejected,
                counter.rejected, latency, detected[0]);
    }

    /** What the simulated provider answers over its limit. */
    private static final class Throttled extends Exception implements ClassifiedFailure {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("rate limit exceeded", null, false, false);
            this.retryAfter = retryAfter;
        }

        @Override
        public FailureKind kind() {
            return FailureKind.RATE_LIMITED;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** The real engine: one shared budget and poll group for the account, batching when {@code batch > 1}. */
    Result ours(int batch, boolean hints) {
        VirtualScheduler clock = new VirtualScheduler(T0);
        RateLimit.Counter counter = new RateLimit.Counter(limit);
        RateBudget budget = new RateBudget(limit.name(), limit.configuredCeiling());
        Map<BuildRef, Workload.Build> byRef = new HashMap<>();
        PollSource.BatchReader reader = refs -> {
            long now = clock.millis();
            if (!counter.request(now)) {
                // GitHub announces its reset; Codeship says nothing (our provider then waits a minute).
                throw new Throttled(Duration.ofMillis(limit.announces() ? counter.resetMillis() - now : 60_000));
            }
            if (limit.announces()) {
                budget.observe(clock.now(), counter.remaining(), Instant.ofEpochMilli(counter.resetMillis()));
            }
            Map<BuildRef, Object> out = new HashMap<>();
            for (BuildRef ref : refs) {
                out.put(ref, statusAt(byRef.get(ref), now));
            }
            return out;
        };
        PollSource source = new PollSource("sim", reader, batch, budget);
        WaitEngine engine = new WaitEngine(clock, Runnable::run, new Random(workload.seed() + 31)::nextDouble);
        WaitPolicy policy = WaitPolicy.defaults().withTimeout(Duration.ofMillis(HORIZON_MILLIS))
                .withMaxQueued(Duration.ZERO);
        long[] latency = new long[workload.n()];
        int[] detected = {0};
        List<WaitEngine.Handle> handles = new ArrayList<>();
        for (Workload.Build b : workload.builds()) {
            BuildRef ref = new BuildRef("sim", "build", "https://ci.example", "p", Integer.toString(b.id()),
                    "https://ci.example/b/" + b.id());
            byRef.put(ref, b);
            WaitState state = WaitState.start(Attempt.first(ref), List.of(), T0, policy, policy.firstPoll());
            if (hints) {
                state = state.withExpected(Duration.ofMillis(b.expectedMillis()));
            }
            handles.add(engine.start(state, policy, source, new WaitEngine.Listener() {
                @Override
                public void finished(WaitOutcome outcome) {
                    if (outcome.result() == WaitOutcome.Result.SUCCEEDED || outcome.result() == WaitOutcome.Result.FAILED) {
                        latency[detected[0]++] = clock.millis() - endOf(b);
                    }
                }
            }));
        }
        clock.run(T0.toEpochMilli() + HORIZON_MILLIS);
        handles.forEach(WaitEngine.Handle::cancel);
        return Result.of(limit.name(), workload.n(), hints ? "ours" : "ours, no duration hint", batch,
                counter.accepted + counter.rejected, counter.rejected, latency, detected[0]);
    }
}
