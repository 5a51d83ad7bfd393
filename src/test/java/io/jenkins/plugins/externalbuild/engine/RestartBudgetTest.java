package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.FakeCi.Script;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.OnAbort;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.RetryOn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every request a restart loop sends to a provider account — the read before the restart, the restart, the failed
 * jobs' read, a cancel, and the polls — takes a slot of the account's one {@link RateBudget}, waiting for it on
 * the scheduler (no thread held), so that a limited account refuses none of them.
 */
class RestartBudgetTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final WaitPolicy WAIT = new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), 1.5, 0.0,
            Duration.ofHours(2), 3, 5, true);
    /** The account's silent limit: one request a second; the budget is configured with it. */
    private static final long MIN_GAP_MILLIS = 1000;

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final WaitEngine engine = new WaitEngine(clock, clock.io(), () -> 0.5);
    private final RestartLoop loop = new RestartLoop(engine, RestartLedger.none());

    /** One provider account: {@link FakeCi}'s builds, every request recorded, those too close refused (counted). */
    private final class Account implements BuildOperations {
        final FakeCi ci = new FakeCi(clock::now, false);
        final RateBudget budget = new RateBudget("acct", 1.0);
        final List<String> requests = new ArrayList<>();
        long last = Long.MIN_VALUE / 2;
        int refused;

        private void request(String what) {
            long t = clock.now().toEpochMilli();
            if (t - last < MIN_GAP_MILLIS) {
                refused++;
            }
            last = t;
            requests.add(what);
        }

        @Override
        public BuildStatus status(BuildRef ref) throws Exception {
            request("status " + ref.id());
            return ci.status(ref);
        }

        @Override
        public Attempt restart(Attempt current, RestartMode mode) throws Exception {
            request("restart " + current.ref().id());
            return ci.restart(current, mode);
        }

        @Override
        public void cancel(BuildRef ref) {
            request("cancel " + ref.id());
            ci.cancel(ref);
        }

        @Override
        public List<String> failedJobs(BuildRef ref) {
            request("jobs " + ref.id());
            return ci.failedJobs(ref);
        }

        @Override
        public FailureCause failureCause(BuildRef ref, BuildStatus status) {
            request("cause " + ref.id());
            return ci.failureCause(ref, status);
        }

        @Override
        public PollSource pollSource() {
            return PollSource.single("acct", this::status, budget);
        }
    }

    @Test
    void manyRestartsOnALimitedAccountAreNeverRefusedAndEachIsSentOnce() {
        Account account = new Account();
        int n = 20;
        List<RestartOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BuildRef ref = account.ci.existing(String.valueOf(i), Script.fails(10), 60);
            account.ci.thenRestarts(Script.fails(60));
            loop.start(RestartState.forRestart(ref, clock.now(), WAIT),
                    new RestartPolicy(RestartMode.FAILED, 2, Duration.ZERO, 1.0, RetryOn.TRANSIENT, true, OnAbort.CANCEL),
                    WAIT, account, (RestartLoop.Listener) outcomes::add);
        }

        clock.runUntilIdle();

        assertThat(outcomes).hasSize(n).allMatch(o -> o.result() == RestartOutcome.Result.FAILED);
        assertThat(account.ci.restartsSent).as("one restart per loop").hasSize(n).doesNotHaveDuplicates();
        assertThat(account.requests).as("the reads before the restarts, the restarts, the causes and the failed jobs")
                .filteredOn(r -> !r.startsWith("status")).hasSize(3 * n);
        assertThat(account.refused).as("requests closer than the account allows").isZero();
    }

    @Test
    void aRestartsReadWaitsForTheSlotThePollsLeft() {
        Account account = new Account();
        BuildRef polled = account.ci.existing("p", Script.succeeds(600), 0);
        engine.start(WaitState.start(Attempt.first(polled), List.of(), clock.now(), WAIT, Duration.ZERO), WAIT,
                account.pollSource(), (WaitOutcome o) -> { });
        BuildRef failed = account.ci.existing("f", Script.fails(10), 60);
        account.ci.thenRestarts(Script.succeeds(60));
        loop.start(RestartState.forRestart(failed, clock.now(), WAIT), RestartPolicy.once(RestartMode.FAILED), WAIT,
                account, (RestartLoop.Listener) o -> { });

        while (account.requests.size() < 3 && clock.step()) {
            // until the poll, the read before the restart and the restart have gone out
        }

        assertThat(account.requests).containsExactlyInAnyOrder("status p", "status f", "restart f");
        assertThat(account.requests.indexOf("status f")).isLessThan(account.requests.indexOf("restart f"));
        assertThat(account.refused).isZero();
        assertThat(clock.now()).as("three requests, one per slot of the budget (0.9 a second)")
                .isAfterOrEqualTo(T0.plusMillis(2 * 1111));
    }
}
