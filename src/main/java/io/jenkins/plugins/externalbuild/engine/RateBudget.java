package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * The request budget of one provider account: one per (provider, API base, credential), shared by every wait
 * in the JVM. It paces requests so that the provider never has to reject one:
 * <ul>
 *   <li>from the provider's own signal where it sends one ({@code RateLimit-Remaining}/{@code -Reset} on GitLab
 *       and Buildkite, {@code x-ratelimit-*} on GitHub): {@code safety × remaining / time until reset} — which
 *       also accounts for every other client of the same credential (other controllers, scripts);</li>
 *   <li>else from a configured ceiling (Codeship: 60 a minute; CodeBuild: its documented API rate);</li>
 *   <li>and it stops entirely until a {@code Retry-After} or throttling delay has passed ({@link #pause}).</li>
 * </ul>
 * Requests are spaced evenly at the allowed rate: {@link #nextSlot} says when the next one may go,
 * {@link #acquire} books it. Thread-safe. Never blocks: callers schedule themselves at the slot.
 */
public final class RateBudget {

    /** The share of what the provider allows that we use, leaving room for clock skew and other clients' bursts. */
    public static final double SAFETY = 0.9;
    /** Requests kept in reserve below the provider's remaining count. */
    static final long RESERVE = 2;

    private final String name;
    private final double ceilingPerSecond;
    private double ratePerSecond;
    private long nextFree;
    private long pausedUntil;
    private long remaining = -1;
    private long resetAt;

    /**
     * @param ceilingPerSecond the most requests per second to send when the provider says nothing
     *                         ({@link Double#POSITIVE_INFINITY}: no ceiling)
     */
    public RateBudget(String name, double ceilingPerSecond) {
        if (!(ceilingPerSecond > 0)) {
            throw new IllegalArgumentException("ceilingPerSecond <= 0: " + ceilingPerSecond);
        }
        this.name = name;
        this.ceilingPerSecond = ceilingPerSecond;
        this.ratePerSecond = Double.isInfinite(ceilingPerSecond) ? ceilingPerSecond : ceilingPerSecond * SAFETY;
    }

    /** A budget that never holds a request back (no limit known or wanted). */
    public static RateBudget unlimited(String name) {
        return new RateBudget(name, Double.POSITIVE_INFINITY);
    }

    public String name() {
        return name;
    }

    /** Requests per second currently allowed (infinite when unlimited). */
    public synchronized double rate() {
        return ratePerSecond;
    }

    /** Whether this budget limits anything. */
    public synchronized boolean limited() {
        return !Double.isInfinite(ratePerSecond) || pausedUntil > 0;
    }

    /** The earliest time at or after {@code now} when the next request may be sent. */
    public synchronized Instant nextSlot(Instant now) {
        long t = Math.max(now.toEpochMilli(), Math.max(nextFree, pausedUntil));
        if (remaining >= 0 && remaining <= RESERVE && t < resetAt) {
            t = resetAt;
        }
        return Instant.ofEpochMilli(t);
    }

    /**
     * Books the slot at {@code now}; call only when {@link #nextSlot(Instant)} is not after {@code now}.
     *
     * @return false (and books nothing) when the slot is later
     */
    public synchronized boolean acquire(Instant now) {
        if (nextSlot(now).isAfter(now)) {
            return false;
        }
        long t = now.toEpochMilli();
        nextFree = Double.isInfinite(ratePerSecond) ? t : t + Math.max(1, Math.round(1000 / ratePerSecond));
        if (remaining > 0) {
            remaining--;
        }
        return true;
    }

    /**
     * What the provider said after a request: {@code remaining} requests until {@code reset} (both from its
     * headers; {@code reset} already converted to our clock by the caller).
     */
    public synchronized void observe(Instant now, long remainingNow, Instant reset) {
        remaining = Math.max(0, remainingNow);
        resetAt = reset.toEpochMilli();
        double seconds = Math.max(1.0, (resetAt - now.toEpochMilli()) / 1000.0);
        double allowed = Math.max(0, remaining - RESERVE) * SAFETY / seconds;
        double fromCeiling = Double.isInfinite(ceilingPerSecond) ? Double.POSITIVE_INFINITY : ceilingPerSecond * SAFETY;
        ratePerSecond = Math.max(1.0 / 3600, Math.min(allowed, fromCeiling));
    }

    /** The provider asked to stop (Retry-After, throttling): no request before {@code until}. */
    public synchronized void pause(Instant until) {
        pausedUntil = Math.max(pausedUntil, until.toEpochMilli());
    }

    /** How long a request would wait for a slot now; for reports and logs. */
    public synchronized Duration backlog(Instant now) {
        return Duration.between(now, nextSlot(now));
    }

    @Override
    public synchronized String toString() {
        return "RateBudget{" + name + ", " + (Double.isInfinite(ratePerSecond) ? "unlimited" : String.format(
                java.util.Locale.ROOT, "%.3f/s", ratePerSecond)) + (remaining >= 0 ? ", remaining " + remaining : "") + "}";
    }
}
