package io.jenkins.plugins.externalbuild.cli.bench;

/**
 * A provider's limit on one credential, as a fixed window: GitHub-like (5,000 an hour, announced in
 * {@code x-ratelimit-remaining}/{@code x-ratelimit-reset} on every answer) or Codeship-like (60 a minute, no
 * headers; over the limit it answers {@code 403 Rate Limit Exceeded}).
 */
record RateLimit(String name, int limit, long windowMillis, boolean announces) {

    static RateLimit github() {
        return new RateLimit("github-like 5000/h", 5000, 3_600_000L, true);
    }

    static RateLimit codeship() {
        return new RateLimit("codeship-like 60/min", 60, 60_000L, false);
    }

    /** What the engine is configured with where the provider announces nothing (per second). */
    double configuredCeiling() {
        return announces ? Double.POSITIVE_INFINITY : limit * 1000.0 / windowMillis;
    }

    /** Counts requests per window and says whether each is accepted. */
    static final class Counter {
        private final RateLimit limit;
        private long window = -1;
        private int used;
        long accepted;
        long rejected;

        Counter(RateLimit limit) {
            this.limit = limit;
        }

        boolean request(long now) {
            long w = now / limit.windowMillis();
            if (w != window) {
                window = w;
                used = 0;
            }
            if (used >= limit.limit()) {
                rejected++;
                return false;
            }
            used++;
            accepted++;
            return true;
        }

        long remaining() {
            return limit.limit() - used;
        }

        long resetMillis() {
            return (window + 1) * limit.windowMillis();
        }
    }
}
