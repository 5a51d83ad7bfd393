package io.jenkins.plugins.externalbuild.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.FailureKind;
import io.jenkins.plugins.externalbuild.engine.RateBudgets;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's own machinery on small workloads; its figures live in the README, not here. */
class BenchTest {

    private static final long T0 = Simulation.T0.toEpochMilli();

    @Test
    void theWorkloadHasTheDocumentedShape() {
        Workload big = Workload.generate(20_000, 1, Workload.Behaviour.TODAY);
        long[] previous = big.builds().stream().mapToLong(Workload.Build::expectedMillis).sorted().toArray();
        assertThat(previous[previous.length / 2] / 1000.0).as("median about 8 minutes").isBetween(450.0, 510.0);
        assertThat(previous[(int) (previous.length * 0.95)] / 1000.0).as("p95 about 40 minutes").isBetween(2250.0, 2550.0);
        assertThat(big.builds()).allSatisfy(b -> assertThat(b.waitStart()).isBetween(0L, 60_000L));
        Workload early = Workload.generate(5_000, 1, Workload.Behaviour.EARLY_FAILURES);
        assertThat(early.builds().stream().filter(Workload.Build::fails))
                .allSatisfy(b -> assertThat((double) b.durationMillis() / b.expectedMillis()).isLessThan(0.6 * 1.7));
        assertThat(Workload.generate(10, 1, Workload.Behaviour.NO_HINT).builds())
                .allSatisfy(b -> assertThat(b.expectedMillis()).isZero());
    }

    @Test
    void theLimiterCountsWindowsAndTheOtherClientsShare() {
        Limiter alone = new Limiter(3, 60_000, 0);
        assertThat(List.of(alone.request(0), alone.request(1), alone.request(2), alone.request(3))).containsExactly(true,
                true, true, false);
        assertThat(alone.request(60_000)).as("next window").isTrue();
        assertThat(alone.rejected).isEqualTo(1);
        Limiter shared = new Limiter(100, 60_000, 0.5);
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            accepted += shared.request(59_000 + i) ? 1 : 0;
        }
        assertThat(accepted).as("the other client has spent about half by the window's end").isBetween(49, 52);
    }

    /** Our real adapter, transport and budget against a simulated provider, at the virtual time in {@code now[0]}. */
    private record Connected(SimulatedProvider server, Provider provider, BuildRef ref, long[] now) {
        static Connected to(String providerId, int limitPerMinute, long at) {
            SimulatedProvider server = new Scenario("t", Workload.Behaviour.TODAY, providerId, limitPerMinute, 60_000, 0)
                    .server(T0);
            long[] now = {at};
            HttpTransport.Settings settings = HttpTransport.Settings.defaults();
            ProviderContext context = new ProviderContext(HttpTransport.clientBuilder(settings)
                    .addInterceptor(chain -> server.answer(chain.request(), now[0])).build(), settings, d -> { },
                    java.time.Clock.fixed(Simulation.T0, java.time.ZoneOffset.UTC), new RateBudgets());
            Provider p = ProviderRegistry.standard().type(server.providerId()).connect(server.settings(), context);
            return new Connected(server, p, server.refOf(BUILD), now);
        }
    }

    private static final Workload.Build BUILD = new Workload.Build(0, 0, 10_000, 70_000, 60_000, true);

    @Test
    void eachSimulatedProviderIsReadByOurRealAdapter() throws Exception {
        for (String provider : List.of("github", "gitlab", "codeship", "codebuild")) {
            Connected c = Connected.to(provider, 100, T0 + 5_000);
            Provider p = c.provider();
            BuildRef ref = c.ref();
            long[] now = c.now();
            assertThat(p.status(ref).state()).as(provider).isEqualTo(BuildStatus.State.QUEUED);
            now[0] = T0 + 30_000;
            assertThat(p.status(ref).state()).as(provider).isEqualTo(BuildStatus.State.RUNNING);
            now[0] = T0 + 80_000;
            assertThat(p.status(ref).state()).as(provider).isEqualTo(BuildStatus.State.FAILED);
            if (provider.equals("github") || provider.equals("gitlab")) {
                assertThat(p.failedJobs(ref)).as("the read the restart loop makes after a failure").containsExactly("test");
            }
        }
    }

    @Test
    void overTheLimitEachProviderAnswersWithItsDocumentedRateLimitShape() throws Exception {
        for (String provider : List.of("github", "gitlab", "codeship", "codebuild")) {
            Connected c = Connected.to(provider, 2, T0 + 1_000);
            while (c.server().limiter.remaining(c.now()[0]) > 0) {
                c.server().limiter.request(c.now()[0]);
            }
            assertThatThrownBy(() -> c.provider().status(c.ref())).as(provider).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED));
        }
    }

    @Test
    void announcedHeadersReachTheAccountBudget() throws Exception {
        Connected c = Connected.to("github", 5000, T0);
        assertThat(c.provider().pollSource().budget().limited()).isFalse();
        c.provider().status(c.ref());
        assertThat(c.provider().pollSource().budget().limited()).as("x-ratelimit-* parsed and observed").isTrue();
    }

    @Test
    void anAnchorCountsItsRequestsAndItsTrailingSleep() {
        Workload one = new Workload(1, 1, Workload.Behaviour.TODAY, List.of(BUILD));
        Scenario s = new Scenario("t", Workload.Behaviour.TODAY, "github", 5000, 3_600_000, 0);
        Result r = new Simulation(s, one).anchor(AnchorPolicy.BUILDKITE_PLUGIN);
        // Polls at 2, 9, 16, ..., 72 s: the first one at or after the end (70 s) sees it, then sleeps 7 s more.
        assertThat(r.requests()).isEqualTo(11);
        assertThat(r.maxSeconds()).isEqualTo(9.0);
        Result gh = new Simulation(s, one).anchor(AnchorPolicy.GH_RUN_WATCH);
        assertThat(gh.requests() % 2).as("one GetRun, then GetRun + GetJobs per refresh").isEqualTo(1);
    }

    @Test
    void anAnchorOverTheLimitIsRejectedAndStillCounted() {
        Workload w = Workload.generate(30, 3, Workload.Behaviour.TODAY);
        Scenario s = new Scenario("t", Workload.Behaviour.TODAY, "codeship", 60, 60_000, 0);
        Result r = new Simulation(s, w).anchor(AnchorPolicy.GH_RUN_WATCH);
        assertThat(r.rejected()).isPositive();
        assertThat(r.requests()).isGreaterThan(r.rejected());
        assertThat(r.detected()).isEqualTo(30);
    }

    @Test
    void oursRunsTheWholeStackAndNoticesEveryBuild() {
        Workload w = Workload.generate(50, 5, Workload.Behaviour.TODAY);
        for (Scenario s : List.of(new Scenario("gh", Workload.Behaviour.TODAY, "github", 5000, 3_600_000, 0),
                new Scenario("cs", Workload.Behaviour.TODAY, "codeship", 30, 60_000, 0),
                new Scenario("cb", Workload.Behaviour.TODAY, "codebuild", 120, 60_000, 0))) {
            Result r = WholeStack.run(s, w);
            assertThat(r.detected()).as(s.name()).isEqualTo(50);
            assertThat(r.requests()).as(s.name()).isPositive();
        }
    }

    @Test
    void aRestartScenarioRestartsEachFailedBuildThroughOurAdapterThenWaits() {
        Workload w = Workload.generate(30, 5, Workload.Behaviour.NO_HINT);
        Scenario s = new Scenario("r", Workload.Behaviour.NO_HINT, "gitlab", 5000, 3_600_000, 0, true);
        Result r = WholeStack.run(s, w);
        assertThat(r.detected()).isEqualTo(30);
        assertThat(r.requests()).as("per build: the read, the restart's own read and its POST, then polls")
                .isGreaterThanOrEqualTo(4 * 30);
        assertThat(r.p50Seconds()).as("the new attempt's end, not the failed one's, was noticed").isNotNegative();
    }

    @Test
    void anAnchorWithinTheLimitThatBeatsOursIsMarked() {
        Scenario s = Scenario.all().get(0);
        Result anchor = new Result(s.name(), 10, "fast tool (x)", 50, 0, 10, 0, 1, 2, 3, "");
        Result slow = new Result(s.name(), 10, "noisy tool (y)", 40, 5, 10, 0, 1, 2, 3, "");
        Result blind = new Result(s.name(), 10, "reference, even spread without hints", 500, 0, 10, 0, 1, 2, 3, "");
        Result hinted = new Result(s.name(), 10, "reference, even spread with hints", 500, 0, 10, 0, 1, 2, 3, "");
        Result ours = new Result(s.name(), 10, "ours", 60, 0, 10, 0, 5, 8, 9, "");
        Map<String, String> marks = new java.util.HashMap<>();
        Targets.mark(s, List.of(anchor, slow, blind, hinted, ours)).forEach(r -> marks.put(r.policy(), r.marks()));
        assertThat(marks.get("fast tool (x)")).contains("BEATS OURS");
        assertThat(marks.get("noisy tool (y)")).doesNotContain("BEATS");
        assertThat(marks.get("ours")).contains("p95 4.00x ref", "LOSS: beaten by fast tool", "MISS max > 2x blind ref");
    }

    @Test
    void percentilesAreNearestRank() {
        Result r = Result.of("s", 4, "p", 0, 0, new long[] {4000, 1000, 3000, 2000}, 4, 0);
        assertThat(r.p50Seconds()).isEqualTo(2.0);
        assertThat(r.p95Seconds()).isEqualTo(4.0);
        assertThat(r.maxSeconds()).isEqualTo(4.0);
    }
}
