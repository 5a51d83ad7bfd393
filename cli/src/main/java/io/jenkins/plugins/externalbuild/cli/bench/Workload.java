package io.jenkins.plugins.externalbuild.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * N concurrent builds, all restarted at time 0: a queued time, then a run whose duration is log-normal
 * (median 8 minutes, 95th percentile 40 minutes) for the previous attempt, and varies by a few percent from
 * it for this attempt (what {@code expectedMillis} tells the engine); a share of them fail (flaky), at the end
 * of their run as a test suite does.
 */
record Workload(long seed, int n, List<Build> builds, double runToRunSigma, double flakyShare) {

    static final double MEDIAN_SECONDS = 8 * 60;
    static final double P95_SECONDS = 40 * 60;
    static final double QUEUED_MEAN_SECONDS = 30;

    /** One build: queued until {@code startMillis}, ends at {@code endMillis}; {@code expectedMillis} is the hint. */
    record Build(int id, long startMillis, long endMillis, long expectedMillis, boolean fails) {
        long durationMillis() {
            return endMillis - startMillis;
        }
    }

    static Workload generate(int n, long seed, double runToRunSigma, double flakyShare) {
        Random random = new Random(seed);
        double mu = Math.log(MEDIAN_SECONDS);
        double sigma = Math.log(P95_SECONDS / MEDIAN_SECONDS) / 1.6448536;
        List<Build> builds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double previous = Math.exp(mu + sigma * random.nextGaussian());
            double current = previous * Math.exp(runToRunSigma * random.nextGaussian());
            long queued = Math.round(-Math.log(1 - random.nextDouble()) * QUEUED_MEAN_SECONDS * 1000);
            boolean fails = random.nextDouble() < flakyShare;
            long start = queued;
            builds.add(new Build(i, start, start + Math.round(current * 1000), Math.round(previous * 1000), fails));
        }
        return new Workload(seed, n, List.copyOf(builds), runToRunSigma, flakyShare);
    }
}
