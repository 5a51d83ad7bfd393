package io.jenkins.plugins.externalbuild.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Headers;

/**
 * A provider's own account of its rate limit, read from an answer's headers: requests remaining and when the
 * count resets. GitLab sends {@code RateLimit-Remaining} with {@code RateLimit-Reset} as Unix time; Buildkite the
 * same names with the reset in seconds from now; GitHub {@code x-ratelimit-remaining} and {@code x-ratelimit-reset}
 * (Unix time). Unix times are taken against the answer's {@code Date} (the server's clock), then moved onto ours.
 * A {@code Retry-After} in the same answer bounds the reset: it says when to send again.
 */
public record RateSignal(long remaining, Instant reset) {

    public static Optional<RateSignal> read(Headers headers, Instant localNow) {
        for (String prefix : new String[] {"RateLimit-", "x-ratelimit-"}) {
            String remaining = headers.get(prefix + "Remaining");
            String reset = headers.get(prefix + "Reset");
            if (remaining == null || reset == null) {
                continue;
            }
            try {
                long left = Long.parseLong(remaining.trim());
                long value = Long.parseLong(reset.trim());
                Duration untilReset;
                if (value >= RetryAfter.UNIX_TIME_FLOOR) {
                    Instant serverNow = RetryAfter.serverNow(headers).orElse(localNow);
                    untilReset = Duration.between(serverNow, Instant.ofEpochSecond(value));
                } else {
                    untilReset = Duration.ofSeconds(value);
                }
                if (untilReset.isNegative()) {
                    untilReset = Duration.ZERO;
                }
                // When the answer also says when to send again, that decides: Azure DevOps' reset is when usage would
                // drain to zero in its sliding window, minutes after the Retry-After it asks for.
                Optional<Duration> retryAfter = RetryAfter.parse(headers, localNow);
                if (retryAfter.isPresent() && retryAfter.get().compareTo(untilReset) < 0) {
                    untilReset = retryAfter.get();
                }
                return Optional.of(new RateSignal(Math.max(0, left), localNow.plus(untilReset)));
            } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
