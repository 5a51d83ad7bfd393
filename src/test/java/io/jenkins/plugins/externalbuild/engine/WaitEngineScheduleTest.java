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
 * When the engine polls, on a fake clock: never silent past the poll cap or a window's reset, hints that only
 * add polls, and batches chosen without walking the queue.
 */
class WaitEngineScheduleTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final WaitPolicy POLICY = new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60), 1.5, 0.0,
            Duration.ofHours(2), 3, 3, true);

    private final FakeScheduler scheduler = new FakeScheduler(T0);
    private final WaitEngine engine = new WaitEngine(scheduler, Runnable::run, () -> 0.5);
    private final List<WaitOutcome> outcomes = new ArrayList<>();
    private final Map<BuildRef, Instant> endsAt = new HashMap<>();
    private final Map<BuildRef, List<Instant>> polls = new HashMap<>();

    private static BuildRef ref(int id) {
        return new BuildRef("sim", "build", "https://ci.example", "p", String.valueOf(id), "https://ci.example/b/" + id);
    }

    /** Reads each build: running (since T0) until its end, then succeeded; records when each was read. */
    private Map<BuildRef, Object> read(List<BuildRef> refs) {
        Map<BuildRef, Object> out = new HashMap<>();
        for (BuildRef ref : refs) {
            polls.computeIfAbsent(ref, r -> new ArrayList<>()).add(scheduler.now());
            boolean ended = !scheduler.now().isBefore(endsAt.get(ref));
            out.put(ref, BuildStatus.of(ended ? State.FAILED : State.RUNNING, ended ? "failed" : "running")
                    .withTiming(T0.toEpochMilli(), null));
        }
        return out;
    }

    private void start(BuildRef ref, PollSource source, Duration expected, Instant end) {
        endsAt.put(ref, end);
        WaitState s = WaitState.start(Attempt.first(ref), List.of(), scheduler.now(), POLICY, Duration.ZERO)
                .withExpected(expected);
        engine.start(s, POLICY, source, new WaitEngine.Listener() {
            @Override
            public void finished(WaitOutcome outcome) {
                outcomes.add(outcome);
            }
        });
    }

    private static Duration longestGap(List<Instant> times) {
        Duration longest = Duration.ZERO;
        for (int i = 1; i < times.size(); i++) {
            Duration gap = Duration.between(times.get(i - 1), times.get(i));
            longest = gap.compareTo(longest) > 0 ? gap : longest;
        }
        return longest;
    }

    @Test
    void aPollAtTheEndOfAWindowIsFollowedByOneAtItsResetNotAtTheDeadline() {
        // A provider counting 30 requests a minute; the wait's second read comes when only the reserve is left.
        RateBudget budget = RateBudget.unlimited("gitlab");
        int[] reads = {0};
        PollSource source = new PollSource("gitlab", refs -> {
            reads[0]++;
            Instant now = scheduler.now();
            boolean nearlySpent = reads[0] == 2;
            budget.observe(now, nearlySpent ? 2 : 28, now.plusSeconds(nearlySpent ? 3 : 60));
            return read(refs);
        }, 1, budget);
        BuildRef b = ref(1);
        start(b, source, Duration.ZERO, T0.plusSeconds(600));

        scheduler.runUntilIdle();

        assertThat(outcomes).singleElement().extracting(WaitOutcome::result).isEqualTo(WaitOutcome.Result.FAILED);
        assertThat(longestGap(polls.get(b))).isLessThanOrEqualTo(POLICY.cap());
        assertThat(Duration.between(T0.plusSeconds(600), polls.get(b).get(polls.get(b).size() - 1)))
                .isLessThanOrEqualTo(POLICY.cap());
    }

    @Test
    void aHintNeverRemovesAPollTheHintFreeScheduleWouldSend() {
        // Expected to run 30 minutes (the last run did) but failing 10 % in: seen within the poll cap anyway.
        BuildRef early = ref(1);
        PollSource source = new PollSource("one", this::read, 1, RateBudget.unlimited("one"));
        start(early, source, Duration.ofMinutes(30), T0.plus(Duration.ofMinutes(3)));

        scheduler.runUntilIdle();

        assertThat(outcomes).singleElement().extracting(WaitOutcome::result).isEqualTo(WaitOutcome.Result.FAILED);
        assertThat(longestGap(polls.get(early))).isLessThanOrEqualTo(POLICY.cap());
    }

    @Test
    void aHintAddsDensePollsNearTheExpectedEnd() {
        BuildRef onTime = ref(2);
        PollSource source = new PollSource("one", this::read, 1, RateBudget.unlimited("one"));
        start(onTime, source, Duration.ofMinutes(10), T0.plus(Duration.ofMinutes(10)));

        scheduler.runUntilIdle();

        List<Instant> times = polls.get(onTime);
        assertThat(Duration.between(T0.plus(Duration.ofMinutes(10)), times.get(times.size() - 1)))
                .as("seen within the dense poll, not the cap").isLessThanOrEqualTo(POLICY.densePoll());
        assertThat(longestGap(times)).isLessThanOrEqualTo(POLICY.cap());
    }

    @Test
    void choosingABatchLooksAtNoMoreEntriesThanTheBatchHolds() {
        // 2,000 waits on 20 builds, batches of 100: the 20 builds fit in one read, and finding them must not walk
        // the 2,000 queued waits.
        PollSource source = new PollSource("codebuild", this::read, 100, RateBudget.unlimited("codebuild"));
        for (int i = 0; i < 2000; i++) {
            start(ref(i % 20), source, Duration.ZERO, T0.plusSeconds(120));
        }
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(polls).hasSize(20);
        assertThat(polls.values()).allSatisfy(p -> assertThat(p).hasSize(1));
        assertThat(engine.batchVisits("codebuild")).as("entries looked at for the first batch").isLessThanOrEqualTo(100);
    }

    @Test
    void aSilentLimitLowerThanTheConfiguredCeilingIsFoundWithOneRejection() {
        // Codeship documents 60 a minute and announces nothing; this account allows 30 (fixed minutes), then
        // answers 403 "Rate Limit Exceeded" without a Retry-After.
        RateBudget budget = new RateBudget("codeship", 1.0);
        long[] window = {Long.MIN_VALUE, 0};
        List<Instant> refused = new ArrayList<>();
        PollSource source = new PollSource("codeship", refs -> {
            long t = scheduler.now().toEpochMilli();
            if (t >= window[0] + 60_000) {
                window[0] = t;
                window[1] = 0;
            }
            if (++window[1] > 30) {
                refused.add(scheduler.now());
                throw new WaitEngineHarness.ClassifiedException(FailureKind.RATE_LIMITED, "403 Rate Limit Exceeded");
            }
            return read(refs);
        }, 1, budget);
        for (int i = 0; i < 60; i++) {
            start(ref(i), source, Duration.ZERO, T0.plusSeconds(60 + 20 * i));
        }

        scheduler.runUntilIdle();

        assertThat(outcomes).hasSize(60).allSatisfy(o -> assertThat(o.result()).isEqualTo(WaitOutcome.Result.FAILED));
        assertThat(refused).as("one rejection finds the limit, then none").hasSize(1);
    }
    @Test
    void manyWaitsOnAnAnnouncedLimitUseMostOfItAndNoMore() {
        // A provider announcing 600 requests per 10-minute window (fixed windows, counted per request); 20 waits
        // whose builds run for an hour would poll every minute at the cap (200 a window): the engine spends most of
        // each window instead, never past the count.
        int limit = 600;
        long windowMillis = 600_000;
        RateBudget budget = RateBudget.unlimited("github");
        long[] window = {T0.toEpochMilli(), 0};
        List<Instant> refused = new ArrayList<>();
        int[] firstWindow = {0};
        PollSource source = new PollSource("github", refs -> {
            long t = scheduler.now().toEpochMilli();
            while (t >= window[0] + windowMillis) {
                window[0] += windowMillis;
                window[1] = 0;
            }
            if (++window[1] > limit) {
                refused.add(scheduler.now());
                throw new WaitEngineHarness.ClassifiedException(FailureKind.RATE_LIMITED, "403 rate limit exceeded");
            }
            if (t < T0.toEpochMilli() + windowMillis) {
                firstWindow[0]++;
            }
            budget.observe(scheduler.now(), limit - window[1], Instant.ofEpochMilli(window[0] + windowMillis));
            return read(refs);
        }, 1, budget);
        for (int i = 0; i < 20; i++) {
            start(ref(i), source, Duration.ZERO, T0.plus(Duration.ofMinutes(60)));
        }

        scheduler.advance(Duration.ofMinutes(30));

        assertThat(refused).as("rejections where the limit is announced").isEmpty();
        assertThat(firstWindow[0]).as("requests sent in the first window of " + limit).isGreaterThanOrEqualTo(
                (int) (0.85 * limit));
    }

    @Test
    void aShortBuildAmongManyLongOnesOnASharedBudgetIsSeenSoonAfterItsExpectedEnd() {
        // 600 waits on one account allowing about a request a second: 599 builds expected to run (and running) an
        // hour, then one expected to run 2 minutes, queued for 150 s and saying nothing of when it started. Polling
        // every new wait at once would read it only after the 599 others (about 11 minutes); its first poll goes
        // where it can tell something (at the earliest window), a queued build is planned from now, a running one
        // from the earliest it can have started.
        Instant start = T0.plusSeconds(150);
        Instant end = start.plus(Duration.ofMinutes(2));
        BuildRef shortOne = ref(600);
        PollSource source = new PollSource("shared", refs -> {
            Map<BuildRef, Object> out = new HashMap<>();
            for (BuildRef ref : refs) {
                Instant now = scheduler.now();
                polls.computeIfAbsent(ref, r -> new ArrayList<>()).add(now);
                out.put(ref, !now.isBefore(endsAt.get(ref)) ? BuildStatus.of(State.SUCCESS, "success")
                        : ref.equals(shortOne) && now.isBefore(start) ? BuildStatus.of(State.QUEUED, "queued")
                        : BuildStatus.of(State.RUNNING, "running"));
            }
            return out;
        }, 1, new RateBudget("shared", 1.0));
        for (int i = 0; i < 599; i++) {
            start(ref(i), source, Duration.ofHours(1), T0.plus(Duration.ofHours(1)));
        }
        start(shortOne, source, Duration.ofMinutes(2), end);

        scheduler.advance(Duration.ofMinutes(15));

        List<Instant> times = polls.get(shortOne);
        assertThat(times).as("polls of the short build").isNotEmpty();
        assertThat(Duration.between(end, times.get(times.size() - 1))).as("seen after its end within")
                .isBetween(Duration.ZERO, Duration.ofSeconds(60));
    }
}
