package io.jenkins.plugins.externalbuild.jenkins;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the run page writes an {@link ExternalBuildRecord}: times in UTC, durations in s/min/h, and Jenkins' status
 * symbols (for {@code <l:icon src="symbol-status-…">}) of a normalized state or a step result.
 */
final class RecordFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private RecordFormat() {
    }

    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + " s";
        }
        return s < 3600 ? s / 60 + " min " + s % 60 + " s" : s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    /** Whether a normalized state ({@code running}, {@code failed}…) is one of a build not yet ended. */
    static boolean running(String state) {
        return switch (state) {
            case "queued", "running", "manual" -> true;
            default -> false;
        };
    }

    /** The symbol of a normalized state ({@code success}, {@code failed}, {@code running}…). */
    static String stateSymbol(String state) {
        return switch (state) {
            case "success" -> "blue";
            case "failed" -> "red";
            case "canceled" -> "aborted";
            case "skipped" -> "nobuilt";
            case "queued", "running", "manual" -> "nobuilt-anime";
            default -> "nobuilt";
        };
    }

    /** The symbol of a step result; an animated one while the step runs (null result). */
    static String resultSymbol(String result) {
        if (result == null) {
            return "nobuilt-anime";
        }
        return switch (result) {
            case "succeeded", "restarted" -> "blue";
            case "cancelled" -> "aborted";
            default -> "red";
        };
    }
}
