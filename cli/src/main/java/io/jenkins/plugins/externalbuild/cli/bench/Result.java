package io.jenkins.plugins.externalbuild.cli.bench;

import java.util.Arrays;
import java.util.Locale;

/** One policy on one workload and budget: requests, rejections and detection latency (remote end → wait ended). */
record Result(String budget, int n, String policy, int batch, long requests, long rejected, int detected,
              double p50Seconds, double p95Seconds, double maxSeconds) {

    static Result of(String budget, int n, String policy, int batch, long requests, long rejected, long[] latencies,
                     int detected) {
        long[] l = Arrays.copyOf(latencies, detected);
        Arrays.sort(l);
        return new Result(budget, n, policy, batch, requests, rejected, detected, rank(l, 0.50), rank(l, 0.95),
                l.length == 0 ? Double.NaN : l[l.length - 1] / 1000.0);
    }

    /** Nearest-rank percentile, in seconds. */
    private static double rank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    double requestsPerBuild() {
        return (double) requests / n;
    }

    static String csvHeader() {
        return "budget,n,policy,batch,requests,requests_per_build,rejected,detected,p50_s,p95_s,max_s";
    }

    String csv() {
        return String.format(Locale.ROOT, "%s,%d,\"%s\",%d,%d,%.1f,%d,%d,%.1f,%.1f,%.1f", budget, n, policy, batch,
                requests, requestsPerBuild(), rejected, detected, p50Seconds, p95Seconds, maxSeconds);
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %,d | %s | %d | %,d | %.1f | %,d | %s | %.1f | %.1f | %.1f |", budget, n,
                policy, batch, requests, requestsPerBuild(), rejected, detected == n ? "all" : detected + "/" + n,
                p50Seconds, p95Seconds, maxSeconds);
    }
}
