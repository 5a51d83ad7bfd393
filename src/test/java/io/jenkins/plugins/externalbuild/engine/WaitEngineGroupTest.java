package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's shared-account behaviour on a fake clock: budget pacing, coalescing, batching, expected-end
 * scheduling and the queued-too-long rule.
 */
class WaitEngineGroupTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final BuildStatus RUNNING = BuildStatus.of(State.RUNNING, "running");
    private static final BuildStatus QUEUED = BuildStatus.of(State.QUEUED, "pending");
    private static final BuildStatus SUCCESS = BuildStatus.of(State.SUCCESS, "success");
    private static final WaitPolicy POLICY = new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60), 1.5, 0.0,
            Duration.ofHours(2), 3, 3, true);

    private final FakeScheduler scheduler = new FakeScheduler(T0);
    private final WaitEngine engine = new WaitEngine(scheduler, Runnable::run, () -> 0.5);
    private final List<WaitOutcome> outcomes = new ArrayList<>();

    /** A simulated account: builds end at given times; every request is recorded with the refs it read. */
    private final class Account implements PollSource.BatchReader {
        final Map<BuildRef, Instant> endsAt = new HashMap<>();
        final List<List<BuildRef>> requests = new ArrayList<>();
        final List<Instant> requestTimes = new ArrayList<>();
        Instant startedAt = T0;

        @Override
        public Map<BuildRef, Object> read(List<BuildRef> refs) {
            requests.add(refs);
            requestTimes.add(scheduler.now());
            Map<BuildRef, Object> out = new HashMap<>();
            for (BuildRef ref : refs) {
                boolean ended = !scheduler.now().isBefore(endsAt.get(ref));
                out.put(ref, (ended ? SUCCESS : RUNNING).withTiming(startedAt.toEpochMilli(), null));
            }
            return out;
        }
    }

    private static BuildRef ref(int id) {
        return new BuildRef("sim", "build", "https://ci.example", "p", String.valueOf(id), "https://ci.example/b/" + id);
    }

    private WaitEngine.Handle start(BuildRef ref, PollSource source, Duration expected) {
        WaitState s = WaitState.start(Attempt.first(ref), List.of(), scheduler.now(), POLICY, Duration.ZERO)
                .withExpected(expected);
        return engine.start(s, POLICY, source, new WaitEngine.Listener() {
            @Override
            public void finished(WaitOutcome outcome) {
                outcomes.add(outcome);
            }
        });
    }

    @Test
    void waitsOnTheSameBuildShareOnePoll() {
        Account account = new Account();
        BuildRef b = ref(1);
        account.endsAt.put(b, T0.plusSeconds(30));
        PollSource source = new PollSource("acct", account, 1, RateBudget.unlimited("acct"));
        for (int i = 0; i < 5; i++) {
            start(b, source, Duration.ZERO);
        }

        scheduler.runUntilIdle();

        assertThat(outcomes).hasSize(5).allMatch(o -> o.result() == WaitOutcome.Result.SUCCEEDED);
        assertThat(account.requests).allMatch(r -> r.size() == 1);
        assertThat(account.requests.size()).as("one poll serves all five waits").isLessThanOrEqualTo(6);
    }

    @Test
    void aBatchingSourceReadsManyBuildsPerRequestMostUrgentFirst() {
        Account account = new Account();
        PollSource source = new PollSource("codebuild", account, 100, RateBudget.unlimited("codebuild"));
        for (int i = 0; i < 250; i++) {
            account.endsAt.put(ref(i), T0.plusSeconds(20));
            start(ref(i), source, Duration.ZERO);
        }

        scheduler.runUntilIdle();

        assertThat(outcomes).hasSize(250).allMatch(o -> o.result() == WaitOutcome.Result.SUCCEEDED);
        assertThat(account.requests).allMatch(r -> r.size() <= 100);
        assertThat(account.requests.get(0)).hasSize(100);
        assertThat(account.requests.size()).as("250 builds in batches of 100, a few polls each").isLessThan(30);
    }

    @Test
    void aLimitedBudgetIsNeverExceededHoweverManyWaitsShareIt() {
        Account account = new Account();
        RateBudget budget = new RateBudget("codeship", 1.0); // 60 a minute
        PollSource source = new PollSource("codeship", account, 1, budget);
        for (int i = 0; i < 200; i++) {
            account.endsAt.put(ref(i), T0.plusSeconds(600 + i));
            start(ref(i), source, Duration.ZERO);
        }

        scheduler.runUntilIdle();

        assertThat(outcomes).hasSize(200).allMatch(o -> o.result() == WaitOutcome.Result.SUCCEEDED);
        for (int i = 0; i + 60 < account.requestTimes.size(); i++) {
            Duration sixtyRequests = Duration.between(account.requestTimes.get(i), account.requestTimes.get(i + 60));
            assertThat(sixtyRequests).as("61 requests never fit in one minute").isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void anExpectedDurationAddsDensePollsNearTheEndAndRemovesNone() {
        Account account = new Account();
        BuildRef b = ref(7);
        account.endsAt.put(b, T0.plusSeconds(600));
        start(b, new PollSource("one", account, 1, RateBudget.unlimited("one")), Duration.ofSeconds(600));

        scheduler.runUntilIdle();

        List<Instant> polls = account.requestTimes;
        Instant end = T0.plusSeconds(600);
        Instant detected = polls.get(polls.size() - 1);
        assertThat(Duration.between(end, detected)).as("detected within the dense poll").isLessThanOrEqualTo(Duration.ofSeconds(8));
        // Without the hint: 0, 5, 12.5, 23.75, 40.6, 65.9, then every 60 s: 12 polls before 450 s, none fewer with it.
        assertThat(polls.stream().filter(t -> t.isBefore(T0.plusSeconds(450))).count())
                .as("the hint-free polls of the first three quarters").isEqualTo(12);
        assertThat(polls.size()).as("far fewer than every 7.5 s for ten minutes").isLessThan(30);
    }

    @Test
    void aRateLimitAnswerPausesEveryWaitOfTheAccount() {
        RateBudget budget = RateBudget.unlimited("gitlab");
        List<Instant> times = new ArrayList<>();
        PollSource.BatchReader limited = refs -> {
            times.add(scheduler.now());
            if (times.size() == 1) {
                throw new WaitEngineHarness.ClassifiedException(FailureKind.RATE_LIMITED, "429", Duration.ofSeconds(30));
            }
            return Map.of(refs.get(0), SUCCESS);
        };
        PollSource source = new PollSource("gitlab", limited, 1, budget);
        start(ref(1), source, Duration.ZERO);
        start(ref(2), source, Duration.ZERO);

        scheduler.runUntilIdle();

        assertThat(times.get(1)).as("the other wait held off too").isAfterOrEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aBuildQueuedLongerThanTheLimitEndsStuck() {
        WaitPolicy policy = POLICY.withMaxQueued(Duration.ofMinutes(10));
        WaitState s = WaitState.start(Attempt.first(ref(1)), List.of(), T0, policy, Duration.ZERO);
        engine.start(s, policy, r -> QUEUED, new WaitEngine.Listener() {
            @Override
            public void finished(WaitOutcome outcome) {
                outcomes.add(outcome);
            }
        });

        scheduler.runUntilIdle();

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(WaitOutcome.Result.STUCK);
            assertThat(o.message()).contains("queued (pending)").contains("10 minutes");
        });
        assertThat(scheduler.now()).isBetween(T0.plusSeconds(600), T0.plusSeconds(700));
    }

    @Test
    void theFairShareStretchesPollsOfAnAccountWithoutHints() {
        Account account = new Account();
        RateBudget budget = new RateBudget("slow", 0.1); // 6 a minute
        PollSource source = new PollSource("slow", account, 1, budget);
        for (int i = 0; i < 10; i++) {
            account.endsAt.put(ref(i), T0.plusSeconds(3600));
        }
        for (int i = 0; i < 10; i++) {
            start(ref(i), source, Duration.ZERO);
        }

        scheduler.advance(Duration.ofMinutes(30));

        assertThat(account.requests.size()).as("0.09 requests a second for 30 minutes").isLessThanOrEqualTo(163);
        assertThat(engine.activeWaits()).isEqualTo(10);
    }

    @Test
    void aBuildLongOverdueIsStillPolledAtLeastEveryPollCap() {
        Account account = new Account();
        BuildRef b = ref(9);
        account.startedAt = T0.minus(Duration.ofDays(3)); // a resumed wait on a build that started long ago
        account.endsAt.put(b, T0.plusSeconds(600));
        start(b, new PollSource("overdue", account, 1, RateBudget.unlimited("overdue")), Duration.ofMinutes(10));

        scheduler.runUntilIdle();

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.result()).isEqualTo(WaitOutcome.Result.SUCCEEDED));
        Instant detected = account.requestTimes.get(account.requestTimes.size() - 1);
        assertThat(Duration.between(T0.plusSeconds(600), detected)).as("within the 60 s poll cap")
                .isLessThanOrEqualTo(Duration.ofSeconds(60));
    }
}
