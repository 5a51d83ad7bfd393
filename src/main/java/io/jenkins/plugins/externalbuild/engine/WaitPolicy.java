package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to poll next: a short first poll, then exponential growth by {@code backoff} up to {@code cap},
 * spread by ±{@code jitter} (a fraction of the delay), never earlier than a provider's
 * {@code Retry-After}. {@code timeout} bounds the whole wait; {@code maxErrors} is how many failed polls
 * in a row are retried (the next failure ends the wait; 0 retries none) and {@code maxUnknown} consecutive
 * unknown statuses end it too, so no wait can hang.
 *
 * <p>When the build's duration can be expected (the previous attempt's, as the provider told it), the engine
 * polls sparsely until near the expected end and then every {@code densePoll}, stretched when the shared rate
 * budget is tight. {@code maxQueued} ends a wait whose build sits queued longer than that (zero: no limit).
 */
public record WaitPolicy(Duration firstPoll, Duration cap, double backoff, double jitter, Duration timeout,
                         int maxErrors, int maxUnknown, boolean stopOnManual, Duration densePoll,
                         Duration maxQueued) {

    public static final Duration DEFAULT_FIRST_POLL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(60);
    public static final double DEFAULT_BACKOFF = 1.5;
    public static final double DEFAULT_JITTER = 0.2;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);
    public static final int DEFAULT_MAX_ERRORS = 10;
    public static final int DEFAULT_MAX_UNKNOWN = 5;
    /** Dense polling near the expected end: detection within about this long. */
    public static final Duration DEFAULT_DENSE_POLL = Duration.ofMillis(7500);
    public static final Duration DEFAULT_MAX_QUEUED = Duration.ofHours(1);

    /** A policy with the default dense poll (bounded by firstPoll and cap) and queue limit. */
    public WaitPolicy(Duration firstPoll, Duration cap, double backoff, double jitter, Duration timeout,
                      int maxErrors, int maxUnknown, boolean stopOnManual) {
        this(firstPoll, cap, backoff, jitter, timeout, maxErrors, maxUnknown, stopOnManual,
                clamp(DEFAULT_DENSE_POLL, firstPoll, cap), DEFAULT_MAX_QUEUED);
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        if (min == null || max == null) {
            return d; // the canonical constructor names the missing one
        }
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    public WaitPolicy {
        Objects.requireNonNull(firstPoll, "firstPoll");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(timeout, "timeout");
        if (firstPoll.isNegative()) {
            throw new IllegalArgumentException("firstPoll < 0: " + firstPoll);
        }
        if (cap.compareTo(firstPoll) < 0 || cap.isZero()) {
            throw new IllegalArgumentException("cap < firstPoll or zero: " + cap);
        }
        if (backoff < 1.0) {
            throw new IllegalArgumentException("backoff < 1: " + backoff);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter outside [0, 1): " + jitter);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout <= 0: " + timeout);
        }
        Objects.requireNonNull(densePoll, "densePoll");
        Objects.requireNonNull(maxQueued, "maxQueued");
        if (densePoll.isNegative() || densePoll.isZero()) {
            throw new IllegalArgumentException("densePoll <= 0: " + densePoll);
        }
        if (maxQueued.isNegative()) {
            throw new IllegalArgumentException("maxQueued < 0: " + maxQueued);
        }
        if (maxErrors < 0 || maxUnknown < 1) {
            throw new IllegalArgumentException("maxErrors < 0 or maxUnknown < 1: " + maxErrors + ", " + maxUnknown);
        }
    }

    public static WaitPolicy defaults() {
        return new WaitPolicy(DEFAULT_FIRST_POLL, DEFAULT_CAP, DEFAULT_BACKOFF, DEFAULT_JITTER, DEFAULT_TIMEOUT,
                DEFAULT_MAX_ERRORS, DEFAULT_MAX_UNKNOWN, true);
    }

    public WaitPolicy withTimeout(Duration newTimeout) {
        return new WaitPolicy(firstPoll, cap, backoff, jitter, newTimeout, maxErrors, maxUnknown, stopOnManual,
                densePoll, maxQueued);
    }

    public WaitPolicy withCap(Duration newCap) {
        Duration first = firstPoll.compareTo(newCap) > 0 ? newCap : firstPoll;
        return new WaitPolicy(first, newCap, backoff, jitter, timeout, maxErrors, maxUnknown, stopOnManual,
                clamp(densePoll, first, newCap), maxQueued);
    }

    public WaitPolicy withStopOnManual(boolean stop) {
        return new WaitPolicy(firstPoll, cap, backoff, jitter, timeout, maxErrors, maxUnknown, stop, densePoll,
                maxQueued);
    }

    public WaitPolicy withMaxQueued(Duration limit) {
        return new WaitPolicy(firstPoll, cap, backoff, jitter, timeout, maxErrors, maxUnknown, stopOnManual,
                densePoll, limit);
    }

    public WaitPolicy withDensePoll(Duration dense) {
        return new WaitPolicy(firstPoll, cap, backoff, jitter, timeout, maxErrors, maxUnknown, stopOnManual,
                dense, maxQueued);
    }

    /**
     * The delay before the next poll, after {@code polls} polls of the current attempt.
     *
     * @param random a uniform sample in [0, 1) that places the delay within the jitter band
     * @param retryAfter the provider's requested delay, which the result never undercuts
     */
    public Duration delay(int polls, double random, Optional<Duration> retryAfter) {
        double base = firstPoll.toMillis() * Math.pow(backoff, Math.max(0, polls));
        double capped = Math.min(base, cap.toMillis());
        double spread = capped * (1 - jitter + 2 * jitter * random);
        long millis = Math.round(Math.min(spread, cap.toMillis()));
        Duration delay = Duration.ofMillis(Math.max(0, millis));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        return delay;
    }
}
