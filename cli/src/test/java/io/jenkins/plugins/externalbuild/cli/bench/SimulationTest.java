package io.jenkins.plugins.externalbuild.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simulation's own logic on small workloads; the benchmark's figures live in the README, not here. */
class SimulationTest {

    private final Workload workload = Workload.generate(20, 7, 0.05, 0.1);

    @Test
    void theWorkloadHasTheDocumentedShape() {
        Workload big = Workload.generate(20_000, 1, 0.05, 0.1);
        long[] previous = big.builds().stream().mapToLong(Workload.Build::expectedMillis).sorted().toArray();
        assertThat(previous[previous.length / 2] / 1000.0).as("median about 8 minutes").isBetween(450.0, 510.0);
        assertThat(previous[(int) (previous.length * 0.95)] / 1000.0).as("p95 about 40 minutes").isBetween(2250.0, 2550.0);
        assertThat(big.builds().stream().filter(Workload.Build::fails).count()).isBetween(1800L, 2200L);
    }

    @Test
    void aFixedTenSecondPollerSendsOneRequestPerTenSecondsOfEachBuild() {
        Result r = new Simulation(workload, RateLimit.github()).anchor(AnchorPolicy.FIXED_10S);
        long expected = workload.builds().stream().mapToLong(b -> b.endMillis() / 10_000 + 1).sum();
        assertThat(r.requests()).isEqualTo(expected);
        assertThat(r.rejected()).isZero();
        assertThat(r.maxSeconds()).isLessThanOrEqualTo(10.0);
    }

    @Test
    void aRejectedRequestTellsAnAnchorNothingAndIsCounted() {
        Result r = new Simulation(workload, RateLimit.codeship()).anchor(AnchorPolicy.GH_RUN_WATCH);
        assertThat(r.rejected()).isPositive();
        assertThat(r.detected()).isEqualTo(20);
    }

    @Test
    void ourEngineIsNeverRejectedAndDetectsEveryBuild() {
        for (RateLimit limit : new RateLimit[] {RateLimit.github(), RateLimit.codeship()}) {
            Simulation sim = new Simulation(Workload.generate(300, 3, 0.05, 0.1), limit);
            for (Result r : new Result[] {sim.ours(1, true), sim.ours(1, false), sim.ours(100, true)}) {
                assertThat(r.rejected()).as(r.policy() + " on " + limit.name()).isZero();
                assertThat(r.detected()).isEqualTo(300);
            }
        }
    }

    @Test
    void batchingReadsManyBuildsPerRequest() {
        Simulation sim = new Simulation(workload, RateLimit.github());
        assertThat(sim.ours(100, true).requests()).isLessThan(sim.ours(1, true).requests());
    }

    @Test
    void percentilesAreNearestRank() {
        Result r = Result.of("b", 4, "p", 1, 0, 0, new long[] {4000, 1000, 3000, 2000}, 4);
        assertThat(r.p50Seconds()).isEqualTo(2.0);
        assertThat(r.p95Seconds()).isEqualTo(4.0);
        assertThat(r.maxSeconds()).isEqualTo(4.0);
    }

    @Test
    void theRealEngineStaysWithinFourThreads() throws Exception {
        assertThat(EngineFootprint.measure(200).threads()).isLessThanOrEqualTo(4);
    }
}
