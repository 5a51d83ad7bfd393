package io.jenkins.plugins.externalbuild.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a restart re-runs. Providers declare which modes they support in their capabilities. */
public enum RestartMode {
    /** Everything again: a new pipeline/run/build for the same revision. */
    ALL,
    /** Only the failed (and canceled) parts of the build, keeping what passed. */
    FAILED,
    /** Exactly the one job the reference names. */
    JOB,
    /** A Pipeline run again with the same script, as Jenkins' replay action does (a new build). */
    REPLAY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code all}, {@code failed}, {@code job} or {@code replay}, case-insensitively. */
    public static RestartMode parse(String value) {
        for (RestartMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown restart mode '" + value + "': expected one of "
                + Arrays.stream(values()).map(RestartMode::id).collect(Collectors.joining(", ")));
    }
}
