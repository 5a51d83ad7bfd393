package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a {@link RestartLoop} restarts: the mode, how many restarts at most ({@code attempts}), the pause
 * before each restart after the first ({@code delay}, multiplied by {@code backoff} each time), which
 * failures earn another restart ({@code retryOn}), whether to wait for the restarted build at all, and
 * what to do with the remote build when the loop is stopped ({@code onAbort}).
 *
 * @param mode the restart mode; {@code null} for the provider's default (chosen before the loop starts)
 * @param attempts restarts at most: the first is done unconditionally, each further one only when the
 *                 restarted build failed again; 0 for a plain wait that never restarts
 * @param waitForEnd whether to wait for the restarted build to end; when false the loop ends after the
 *                   first restart with {@link RestartOutcome.Result#RESTARTED}
 */
public record RestartPolicy(RestartMode mode, int attempts, Duration delay, double backoff, RetryOn retryOn,
                            boolean waitForEnd, OnAbort onAbort) {

    public static final int MAX_ATTEMPTS = 20;
    public static final Duration MAX_DELAY = Duration.ofHours(1);

    /** Which failures of a restarted build earn another restart. */
    public enum RetryOn {
        /** Any {@link BuildStatus.State#FAILED} end (not a cancel, not a skip). */
        FAILURE,
        /** Only failures the provider classifies as {@link FailureCause#TRANSIENT}. */
        TRANSIENT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static RetryOn parse(String value) {
            return parseEnum(RetryOn.class, value, "retryOn");
        }
    }

    /** What stopping the loop (an aborted Jenkins build, Ctrl-C) does to the remote build. */
    public enum OnAbort {
        /** Cancel the remote build if it is still running. */
        CANCEL,
        /** Leave it running. */
        LEAVE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static OnAbort parse(String value) {
            return parseEnum(OnAbort.class, value, "onAbort");
        }
    }

    public RestartPolicy {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retryOn, "retryOn");
        Objects.requireNonNull(onAbort, "onAbort");
        if (attempts < 0 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("attempts outside [0, " + MAX_ATTEMPTS + "]: " + attempts);
        }
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay outside [0, " + MAX_DELAY + "]: " + delay);
        }
        if (!(backoff >= 1.0 && backoff <= 10.0)) {
            throw new IllegalArgumentException("backoff outside [1, 10]: " + backoff);
        }
    }

    /** A wait that never restarts; {@code onAbort} still applies. */
    public static RestartPolicy waitOnly(OnAbort onAbort) {
        return new RestartPolicy(null, 0, Duration.ZERO, 1.0, RetryOn.FAILURE, true, onAbort);
    }

    /** One restart, waited for, no further restarts, cancel on abort. */
    public static RestartPolicy once(RestartMode mode) {
        return new RestartPolicy(mode, 1, Duration.ZERO, 1.0, RetryOn.FAILURE, true, OnAbort.CANCEL);
    }

    /**
     * The pause before restart number {@code n} (1-based): none before the first, {@code delay} before the
     * second, then multiplied by {@code backoff} for each further one, never above {@link #MAX_DELAY}.
     */
    public Duration delayBefore(int n) {
        if (n <= 1) {
            return Duration.ZERO;
        }
        double millis = delay.toMillis() * Math.pow(backoff, n - 2);
        return Duration.ofMillis((long) Math.min(millis, MAX_DELAY.toMillis()));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String what) {
        String v = value == null ? "" : value.trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown " + what + " '" + value + "': expected one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }
}
