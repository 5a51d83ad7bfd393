package io.jenkins.plugins.externalbuild.cli;

import java.time.Duration;

/**
 * The ranges of the numeric options, as their help texts state them. Commands check them before anything is sent;
 * a value outside is bad input (exit code 2) with a one-line message naming the option and its range.
 */
final class OptionRanges {

    static final int MIN_ATTEMPTS = 1;
    static final int MAX_ATTEMPTS = io.jenkins.plugins.externalbuild.engine.RestartPolicy.MAX_ATTEMPTS;
    static final double MIN_BACKOFF = 1.0;
    static final double MAX_BACKOFF = 10.0;
    /** The longest --delay: the restart policy's limit. */
    static final Duration MAX_DELAY = io.jenkins.plugins.externalbuild.engine.RestartPolicy.MAX_DELAY;
    /** The longest --timeout and --max-queued: a week, as the Jenkins steps allow. */
    static final Duration MAX_WAIT = Duration.ofDays(7);
    /** The longest --poll-cap and --first-poll. */
    static final Duration MAX_POLL = Duration.ofHours(1);

    private OptionRanges() {
    }

    static void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be " + min + " to " + max + ", not " + value);
        }
    }

    static void check(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(option + " must be " + format(min) + " to " + format(max) + ", not " + value);
        }
    }

    /** Durations are positive already (see {@link DurationConverter}); this bounds them above. */
    static void check(String option, Duration value, Duration max) {
        if (value.compareTo(max) > 0) {
            throw new IllegalArgumentException(option + " must be at most " + describe(max) + ", not " + describe(value));
        }
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static String describe(Duration d) {
        if (d.toSeconds() % 86_400 == 0) {
            return d.toDays() + " days";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
