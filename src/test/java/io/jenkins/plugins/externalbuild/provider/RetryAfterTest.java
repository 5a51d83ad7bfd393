package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    /** Our clock, deliberately far from the server's. */
    private static final Instant LOCAL_NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static Headers headers(String... namesAndValues) {
        return Headers.of(namesAndValues);
    }

    @Test
    void retryAfterInSecondsIsReadAsIs() {
        assertThat(RetryAfter.parse(headers("Retry-After", "30"), LOCAL_NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterHttpDateIsMeasuredFromTheServersDateHeaderNotOurClock() {
        Headers h = headers("Date", "Wed, 21 Oct 2015 07:28:00 GMT", "Retry-After", "Wed, 21 Oct 2015 07:30:00 GMT");
        assertThat(RetryAfter.parse(h, LOCAL_NOW)).contains(Duration.ofMinutes(2));
    }

    @Test
    void retryAfterHttpDateWithoutADateHeaderIsMeasuredFromOurClock() {
        Headers h = headers("Retry-After", "Wed, 21 Oct 2015 07:30:00 GMT");
        assertThat(RetryAfter.parse(h, Instant.parse("2015-10-21T07:29:15Z"))).contains(Duration.ofSeconds(45));
    }

    @Test
    void unreadableDateHeaderFallsBackToOurClock() {
        Headers h = headers("Date", "yesterday", "Retry-After", "Wed, 21 Oct 2015 07:30:00 GMT");
        assertThat(RetryAfter.parse(h, Instant.parse("2015-10-21T07:29:50Z"))).contains(Duration.ofSeconds(10));
    }

    @Test
    void rateLimitResetEpochSecondsIsMeasuredFromTheServersDate() {
        // GitLab's documented example: RateLimit-Reset 1609844400 = Tue, 05 Jan 2021 11:00:00 GMT.
        Headers h = headers("Date", "Tue, 05 Jan 2021 10:59:30 GMT", "RateLimit-Reset", "1609844400");
        assertThat(RetryAfter.parse(h, LOCAL_NOW, "RateLimit-Reset")).contains(Duration.ofSeconds(30));
    }

    @Test
    void resetHeadersAreReadOnlyWhenNamedAndInTheGivenOrder() {
        Headers h = headers("Date", "Tue, 05 Jan 2021 10:59:30 GMT", "RateLimit-Reset", "1609844400",
                "X-RateLimit-Reset", "1609844410");
        assertThat(RetryAfter.parse(h, LOCAL_NOW)).isEmpty();
        assertThat(RetryAfter.parse(h, LOCAL_NOW, "X-RateLimit-Reset", "RateLimit-Reset")).contains(Duration.ofSeconds(40));
    }

    @Test
    void retryAfterWinsOverAResetHeader() {
        Headers h = headers("Date", "Tue, 05 Jan 2021 10:59:30 GMT", "RateLimit-Reset", "1609844400", "Retry-After", "5");
        assertThat(RetryAfter.parse(h, LOCAL_NOW, "RateLimit-Reset")).contains(Duration.ofSeconds(5));
    }

    @Test
    void delaysLongerThanAnHourAreClampedToAnHour() {
        assertThat(RetryAfter.MAX).isEqualTo(Duration.ofHours(1));
        assertThat(RetryAfter.parse(headers("Retry-After", "86400"), LOCAL_NOW)).contains(Duration.ofHours(1));
        assertThat(RetryAfter.parse(headers("Date", "Wed, 21 Oct 2015 07:28:00 GMT",
                "Retry-After", "Thu, 22 Oct 2015 07:28:00 GMT"), LOCAL_NOW)).contains(Duration.ofHours(1));
        assertThat(RetryAfter.parse(headers("Date", "Tue, 05 Jan 2021 10:59:30 GMT", "RateLimit-Reset", "1909844400"),
                LOCAL_NOW, "RateLimit-Reset")).contains(Duration.ofHours(1));
    }

    @Test
    void delaysInThePastBecomeZero() {
        assertThat(RetryAfter.parse(headers("Retry-After", "-5"), LOCAL_NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(headers("Date", "Wed, 21 Oct 2015 07:30:00 GMT",
                "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"), LOCAL_NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(headers("Date", "Tue, 05 Jan 2021 11:30:00 GMT", "RateLimit-Reset", "1609844400"),
                LOCAL_NOW, "RateLimit-Reset")).contains(Duration.ZERO);
    }

    @Test
    void garbageIsIgnored() {
        assertThat(RetryAfter.parse(headers(), LOCAL_NOW, "RateLimit-Reset")).isEmpty();
        assertThat(RetryAfter.parse(headers("Retry-After", "soon"), LOCAL_NOW)).isEmpty();
        assertThat(RetryAfter.parse(headers("Retry-After", "1.5"), LOCAL_NOW)).isEmpty();
        assertThat(RetryAfter.parse(headers("RateLimit-Reset", "tomorrow"), LOCAL_NOW, "RateLimit-Reset")).isEmpty();
    }

    @Test
    void garbageRetryAfterFallsThroughToAResetHeader() {
        Headers h = headers("Date", "Tue, 05 Jan 2021 10:59:30 GMT", "Retry-After", "later", "RateLimit-Reset", "1609844400");
        assertThat(RetryAfter.parse(h, LOCAL_NOW, "RateLimit-Reset")).contains(Duration.ofSeconds(30));
    }

    @Test
    void aResetBeyondTheRangeOfInstantIsIgnoredInsteadOfThrowing() {
        Headers h = headers("RateLimit-Reset", String.valueOf(Long.MAX_VALUE));
        assertThat(RetryAfter.parse(h, LOCAL_NOW, "RateLimit-Reset")).isEmpty();
    }

    @Test
    void aSmallResetValueIsSecondsFromNowAsBuildkiteSendsIt() {
        okhttp3.Headers h = okhttp3.Headers.of("RateLimit-Reset", "42");
        assertThat(RetryAfter.parse(h, java.time.Instant.parse("2025-03-01T10:00:00Z"), "RateLimit-Reset"))
                .contains(java.time.Duration.ofSeconds(42));
    }
}
