package io.jenkins.plugins.externalbuild.cli.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * One policy on one scenario and N: requests sent (accepted or not), rejected, builds whose end was noticed,
 * waits that ended without noticing it (timed out or gave up), and detection latency (remote end → wait ended).
 * {@code marks} says where the row misses a target (filled in by {@link Targets}).
 */
record Result(String scenario, int n, String policy, long requests, long rejected, int detected, int missed,
              double p50Seconds, double p95Seconds, double maxSeconds, String marks) {

    static Result of(String scenario, int n, String policy, long requests, long rejected, long[] latencies,
                     int detected, int missed) {
        long[] l = Arrays.copyOf(latencies, detected);
        Arrays.sort(l);
        return new Result(scenario, n, policy, requests, rejected, detected, missed, rank(l, 0.50), rank(l, 0.95),
                l.length == 0 ? Double.NaN : l[l.length - 1] / 1000.0, "");
    }

    /** Nearest-rank percentile, in seconds. */
    private static double rank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    Result withMarks(String m) {
        return new Result(scenario, n, policy, requests, rejected, detected, missed, p50Seconds, p95Seconds, maxSeconds, m);
    }

    boolean ours() {
        return policy.startsWith("ours");
    }

    boolean reference() {
        return policy.startsWith("reference");
    }

    static String csvHeader() {
        return "scenario,n,policy,requests,requests_per_build,rejected,detected,missed,p50_s,p95_s,max_s,marks";
    }

    String csv() {
        return String.format(Locale.ROOT, "\"%s\",%d,\"%s\",%d,%.1f,%d,%d,%d,%.1f,%.1f,%.1f,\"%s\"", scenario, n, policy,
                requests, (double) requests / n, rejected, detected, missed, p50Seconds, p95Seconds, maxSeconds, marks);
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %,d | %s | %,d | %.1f | %,d | %s | %.1f | %.1f | %.1f | %s |", scenario, n,
                ours() ? "**" + policy + "**" : policy, requests, (double) requests / n, rejected,
                detected == n ? "all" : detected + "/" + n, p50Seconds, p95Seconds, maxSeconds, marks);
    }

    static String tableHeader() {
        return "| scenario | N | policy | requests | req/build | rejected | noticed | p50 s | p95 s | max s | marks |\n"
                + "|---|---:|---|---:|---:|---:|---|---:|---:|---:|---|";
    }
}
