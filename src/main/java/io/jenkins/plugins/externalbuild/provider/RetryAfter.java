package io.jenkins.plugins.externalbuild.provider;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Reads how long a provider asked us to wait: {@code Retry-After} (seconds or an HTTP date) or a
 * rate-limit reset header holding epoch seconds ({@code RateLimit-Reset} on GitLab, {@code x-ratelimit-reset}
 * on GitHub). Dates are compared with the response's own {@code Date} header when it has one: the
 * server's clock, not ours, since the two may disagree.
 */
public final class RetryAfter {

    /** Longest delay we accept from a header; a larger value is clamped (a broken header must not stall a wait for days). */
    public static final Duration MAX = Duration.ofHours(1);
    /** Reset values below this are seconds from now, not Unix time (2001-09-09 in Unix time). */
    static final long UNIX_TIME_FLOOR = 1_000_000_000L;

    private RetryAfter() {
    }

    public static Optional<Duration> parse(Headers headers, Instant localNow, String... resetHeaders) {
        Instant serverNow = serverNow(headers).orElse(localNow);
        String retryAfter = headers.get("Retry-After");
        if (retryAfter != null) {
            Optional<Duration> d = parseValue(retryAfter.trim(), serverNow);
            if (d.isPresent()) {
                return d;
            }
        }
        for (String name : resetHeaders) {
            String value = headers.get(name);
            if (value != null) {
                try {
                    long reset = Long.parseLong(value.trim());
                    // Unix time (GitLab, GitHub) or, for small values, seconds from now (Buildkite).
                    return Optional.of(clamp(reset < UNIX_TIME_FLOOR ? Duration.ofSeconds(reset)
                            : Duration.between(serverNow, Instant.ofEpochSecond(reset))));
                } catch (NumberFormatException | DateTimeException e) {
                    // not epoch seconds, or beyond any instant: ignore this header
                }
            }
        }
        return Optional.empty();
    }

    static Optional<Duration> parseValue(String value, Instant serverNow) {
        try {
            return Optional.of(clamp(Duration.ofSeconds(Long.parseLong(value))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(clamp(Duration.between(serverNow, at)));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /** The answer's {@code Date}: the server's clock at the time it answered. */
    static Optional<Instant> serverNow(Headers headers) {
        String date = headers.get("Date");
        if (date == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration clamp(Duration d) {
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
