package io.jenkins.plugins.externalbuild.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * N restarted builds on one account. Each wait starts at a uniform time in the first minute (the restarts of a
 * fleet are not simultaneous); its build is queued (exponential, mean 30 s), then runs a log-normal time (median
 * 8 minutes, p95 40 minutes for the previous attempt; this attempt varies around it by {@link Behaviour#sigma}).
 * A share of builds fail: at the end of their run (a test suite), or early (5–60 % into it).
 */
record Workload(long seed, int n, Behaviour behaviour, List<Build> builds) {

    static final double MEDIAN_SECONDS = 8 * 60;
    static final double P95_SECONDS = 40 * 60;
    static final double QUEUED_MEAN_SECONDS = 30;
    static final long START_SPREAD_MILLIS = 60_000;

    /** How the builds behave, and whether the waits get the previous attempt's duration as a hint. */
    enum Behaviour {
        TODAY("today", 0.05, 0.10, false, true),
        EARLY_FAILURES("failures 5-60% in", 0.05, 0.30, true, true),
        SIGMA_03("run-to-run sigma 0.3", 0.3, 0.10, false, true),
        NO_HINT("no previous duration", 0.05, 0.10, false, false);

        final String label;
        final double sigma;
        final double failShare;
        final boolean failEarly;
        final boolean hinted;

        Behaviour(String label, double sigma, double failShare, boolean failEarly, boolean hinted) {
            this.label = label;
            this.sigma = sigma;
            this.failShare = failShare;
            this.failEarly = failEarly;
            this.hinted = hinted;
        }
    }

    /**
     * One build: its wait starts at {@code waitStart}; it runs from {@code runStart} to {@code end} (all from the
     * bench's time zero, in ms); {@code expectedMillis} is the hint (0: none).
     */
    record Build(int id, long waitStart, long runStart, long end, long expectedMillis, boolean fails) {
        long durationMillis() {
            return end - runStart;
        }
    }

    static Workload generate(int n, long seed, Behaviour behaviour) {
        Random random = new Random(seed);
        double mu = Math.log(MEDIAN_SECONDS);
        double sigma = Math.log(P95_SECONDS / MEDIAN_SECONDS) / 1.6448536;
        List<Build> builds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double previous = Math.exp(mu + sigma * random.nextGaussian());
            double current = previous * Math.exp(behaviour.sigma * random.nextGaussian());
            long waitStart = (long) (random.nextDouble() * START_SPREAD_MILLIS);
            long queued = Math.round(-Math.log(1 - random.nextDouble()) * QUEUED_MEAN_SECONDS * 1000);
            boolean fails = random.nextDouble() < behaviour.failShare;
            double share = fails && behaviour.failEarly ? 0.05 + 0.55 * random.nextDouble() : 1.0;
            long runStart = waitStart + queued;
            long end = runStart + Math.max(1000, Math.round(current * share * 1000));
            builds.add(new Build(i, waitStart, runStart, end, behaviour.hinted ? Math.round(previous * 1000) : 0, fails));
        }
        return new Workload(seed, n, behaviour, List.copyOf(builds));
    }
}
