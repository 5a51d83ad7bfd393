package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.FakeScheduler;
import io.jenkins.plugins.externalbuild.engine.WaitEngine;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import io.jenkins.plugins.externalbuild.provider.github.GitHubActionsProviderType;
import io.jenkins.plugins.externalbuild.provider.gitlab.GitLabProviderType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Waits on a rate-limited account through the whole stack — the real providers, {@link HttpTransport},
 * {@link RateSignal}, the account's {@code RateBudget} and the {@link WaitEngine} — against a loopback server that
 * answers with GitLab's and GitHub's documented rate-limit headers and errors ({@link LimitedAccount}). Only time
 * is virtual: the engine's scheduler and the transport's clock are one fake clock, and the reads run on the test
 * thread.
 */
class RateLimitedWaitTest {

    private static final Instant T0 = Instant.parse("2025-03-03T12:00:00Z");
    private static final String TOKEN = "glpat-RateLimitedWait-0123456789";

    @StartStop
    final MockWebServer server = LimitedAccount.server();

    private final FakeScheduler scheduler = new FakeScheduler(T0);
    private final Clock clock = scheduler.clock();
    private final WaitEngine engine = new WaitEngine(scheduler, Runnable::run, () -> 0.5);
    private final List<WaitOutcome> outcomes = new ArrayList<>();
    private final Map<String, Instant> finishedAt = new java.util.HashMap<>();
    private LimitedAccount.Style style;
    private LimitedAccount account;
    private Provider provider;

    private void account(LimitedAccount.Style style, int limit) {
        this.style = style;
        account = new LimitedAccount(style, limit, Duration.ofMinutes(1), scheduler::now);
        server.setDispatcher(account);
        ProviderContext context = LimitedAccount.fastContext(clock);
        ProviderCredentials token = ProviderCredentials.token(Token.of(TOKEN));
        provider = style == LimitedAccount.Style.GITLAB
                ? new GitLabProviderType().connect(new ConnectionSettings(server.url("/api/v4/").uri(), token, Map.of()), context)
                : new GitHubActionsProviderType().connect(new ConnectionSettings(server.url("/").uri(), token, null), context);
    }

    private BuildRef ref(String id) {
        return style == LimitedAccount.Style.GITLAB
                ? new GitLabProviderType().fromCoordinates("https://gitlab.example.com", "g/app", "job", id)
                : new GitHubActionsProviderType().fromCoordinates("https://github.com", "o/r", "run", id);
    }

    private void startWait(String id, Duration endsAfter, Duration timeout) {
        account.build(id, T0.plus(endsAfter));
        WaitPolicy policy = WaitPolicy.defaults().withTimeout(timeout);
        WaitState state = WaitState.start(Attempt.first(ref(id)), List.of(), scheduler.now(), policy, Duration.ZERO);
        engine.start(state, policy, provider.pollSource(), new WaitEngine.Listener() {
            @Override
            public void finished(WaitOutcome outcome) {
                outcomes.add(outcome);
                finishedAt.put(id, scheduler.now());
            }
        });
    }

    /** The longest time between two requests the server saw. */
    private Duration longestGap() {
        Duration longest = Duration.ZERO;
        for (int i = 1; i < account.requests.size(); i++) {
            Duration gap = Duration.between(account.requests.get(i - 1), account.requests.get(i));
            longest = gap.compareTo(longest) > 0 ? gap : longest;
        }
        return longest;
    }

    @Test
    void gitLabOne429WithRetryAfterFiveDelaysTheWaitFiveSecondsNotAnHour() {
        account(LimitedAccount.Style.GITLAB, 600);
        startWait("8", Duration.ofSeconds(21), Duration.ofSeconds(75));
        scheduler.advance(Duration.ofSeconds(1)); // the first poll answered
        account.interfere(0, Duration.ofSeconds(5)); // the next is refused: 429, Retry-After: 5
        scheduler.runUntilIdle();

        assertThat(account.rejected).hasSize(1);
        Instant refused = account.rejected.get(0);
        Instant after = account.requests.get(account.requests.indexOf(refused) + 1);
        assertThat(after).as("the next poll: not before Retry-After, then on the wait's own schedule (7.5 s)")
                .isBetween(refused.plusSeconds(5), refused.plusMillis(7500));
        assertThat(outcomes).singleElement().extracting(WaitOutcome::result).isEqualTo(WaitOutcome.Result.SUCCEEDED);
        assertThat(Duration.between(T0.plusSeconds(21), finishedAt.get("8"))).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(longestGap()).isLessThanOrEqualTo(WaitPolicy.DEFAULT_CAP);
    }

    @Test
    void gitLabANearlySpentWindowHoldsRequestsOnlyUntilItsResetThenTheNormalPaceReturns() {
        account(LimitedAccount.Style.GITLAB, 600);
        startWait("9", Duration.ofSeconds(150), Duration.ofMinutes(10));
        scheduler.advance(Duration.ofSeconds(1));
        account.interfere(1, null); // another client left one request: the next answer says RateLimit-Remaining: 0
        scheduler.runUntilIdle();

        assertThat(account.rejected).isEmpty();
        assertThat(account.requests.get(2)).as("the window resets a minute after the first request").isEqualTo(T0.plusSeconds(60));
        assertThat(outcomes).singleElement().extracting(WaitOutcome::result).isEqualTo(WaitOutcome.Result.SUCCEEDED);
        assertThat(Duration.between(T0.plusSeconds(150), finishedAt.get("9"))).isLessThanOrEqualTo(WaitPolicy.DEFAULT_CAP);
        assertThat(account.requests).as("back to the exponential schedule once the headers recover").hasSizeGreaterThan(4);
    }

    @Test
    void gitHubA403PrimaryRateLimitResumesAtItsReset() {
        account(LimitedAccount.Style.GITHUB, 600);
        startWait("77", Duration.ofSeconds(80), Duration.ofMinutes(10));
        scheduler.advance(Duration.ofSeconds(1));
        account.interfere(0, Duration.ofSeconds(30)); // 403, x-ratelimit-remaining: 0, reset in 30 s
        scheduler.runUntilIdle();

        assertThat(account.rejected).hasSize(1);
        Instant refused = account.rejected.get(0);
        Instant after = account.requests.get(account.requests.indexOf(refused) + 1);
        assertThat(after).isBetween(refused.plusSeconds(30), refused.plusSeconds(31));
        assertThat(outcomes).singleElement().extracting(WaitOutcome::result).isEqualTo(WaitOutcome.Result.SUCCEEDED);
        assertThat(Duration.between(T0.plusSeconds(80), finishedAt.get("77"))).isLessThanOrEqualTo(WaitPolicy.DEFAULT_CAP);
    }

    @Test
    void manyWaitsOnASmallGitLabAccountAreAllNoticedWithoutARejection() {
        manyWaits(LimitedAccount.Style.GITLAB, 40, 20, Duration.ofMinutes(5));
    }

    @Test
    void manyWaitsOnASmallGitHubAccountAreAllNoticedWithoutARejection() {
        manyWaits(LimitedAccount.Style.GITHUB, 40, 20, Duration.ofMinutes(5));
    }

    @Test
    void twoHundredWaitsOnAGitLabAccountAllowingSixtyAMinute() {
        // The workload: 200 waits on one account limited to 60 requests a minute. Each wait's fair share is
        // one poll every 200 / (0.8 x 0.9 x 58 / 60 s) = 287 s.
        manyWaits(LimitedAccount.Style.GITLAB, 200, 60, Duration.ofMinutes(10));
    }

    /** {@code n} waits, builds ending 15 s apart from 30 s on, on an account allowing {@code limit} requests a minute. */
    private void manyWaits(LimitedAccount.Style style, int n, int limit, Duration latest) {
        account(style, limit);
        for (int i = 0; i < n; i++) {
            startWait(String.valueOf(100 + i), Duration.ofSeconds(30 + 15 * i), Duration.ofMinutes(30).plusSeconds(15 * i));
        }
        scheduler.runUntilIdle();

        List<Long> late = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            late.add(Duration.between(T0.plusSeconds(30 + 15 * i), finishedAt.get(String.valueOf(100 + i))).toSeconds());
        }
        late.sort(null);
        System.out.printf("%s, %d waits, %d a minute: %d requests, %d refused, detection p50 %d s, p95 %d s, max %d s%n",
                style, n, limit, account.requests.size(), account.rejected.size(), late.get(n / 2),
                late.get((int) Math.ceil(n * 0.95) - 1), late.get(n - 1));
        assertThat(account.rejected).isEmpty();
        assertThat(outcomes).hasSize(n).allSatisfy(o -> assertThat(o.result()).isEqualTo(WaitOutcome.Result.SUCCEEDED));
        for (int i = 0; i < n; i++) {
            Instant end = T0.plusSeconds(30 + 15 * i);
            assertThat(Duration.between(end, finishedAt.get(String.valueOf(100 + i)))).as("wait %d", i)
                    .isLessThanOrEqualTo(latest);
        }
    }
}
