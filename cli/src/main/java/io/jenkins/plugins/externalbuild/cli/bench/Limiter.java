package io.jenkins.plugins.externalbuild.cli.bench;

/**
 * The simulated provider's limit on one account: {@code limit} requests per fixed window, of which another client
 * of the same credential spends {@code otherShare} evenly over each window. Counts what it accepts and rejects
 * from the client under test. Not thread-safe (the simulation is single-threaded).
 */
final class Limiter {

    private final int limit;
    private final long windowMillis;
    private final double otherShare;
    private long window = Long.MIN_VALUE;
    private int used;
    long accepted;
    long rejected;

    Limiter(int limit, long windowMillis, double otherShare) {
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.otherShare = otherShare;
    }

    /** Whether a request at {@code now} (ms) is accepted; counts it either way. */
    boolean request(long now) {
        roll(now);
        if (used + other(now) >= limit) {
            rejected++;
            return false;
        }
        used++;
        accepted++;
        return true;
    }

    /** What the provider would announce as remaining after a request at {@code now}. */
    long remaining(long now) {
        roll(now);
        return Math.max(0, limit - used - other(now));
    }

    /** End of the current window (ms). */
    long resetMillis(long now) {
        roll(now);
        return (window + 1) * windowMillis;
    }

    int limit() {
        return limit;
    }

    /** Requests per second the client under test may send on average. */
    double availablePerSecond() {
        return limit * (1 - otherShare) * 1000.0 / windowMillis;
    }

    private long other(long now) {
        return (long) Math.floor(otherShare * limit * (now - window * windowMillis) / (double) windowMillis);
    }

    private void roll(long now) {
        long w = Math.floorDiv(now, windowMillis);
        if (w != window) {
            window = w;
            used = 0;
        }
    }
}
