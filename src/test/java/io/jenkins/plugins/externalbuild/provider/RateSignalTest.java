package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.jenkins.plugins.externalbuild.engine.RateBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class RateSignalTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void gitLabSendsTheResetAsUnixTimeMeasuredOnTheServersClock() {
        // Server clock 30 s behind ours: the reset is 60 s after the server's now, so 60 s after ours too.
        Headers h = Headers.of("RateLimit-Remaining", "1200", "RateLimit-Reset",
                String.valueOf(NOW.minusSeconds(30).plusSeconds(60).getEpochSecond()),
                "Date", "Sat, 01 Mar 2025 09:59:30 GMT");
        RateSignal s = RateSignal.read(h, NOW).orElseThrow();
        assertThat(s.remaining()).isEqualTo(1200);
        assertThat(s.reset()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void buildkiteSendsTheResetAsSecondsFromNow() {
        RateSignal s = RateSignal.read(Headers.of("RateLimit-Remaining", "17", "RateLimit-Reset", "42"), NOW).orElseThrow();
        assertThat(s.reset()).isEqualTo(NOW.plusSeconds(42));
    }

    @Test
    void gitHubsLowerCaseHeadersAreRead() {
        RateSignal s = RateSignal.read(Headers.of("x-ratelimit-remaining", "4999", "x-ratelimit-reset",
                String.valueOf(NOW.plusSeconds(3600).getEpochSecond())), NOW).orElseThrow();
        assertThat(s.remaining()).isEqualTo(4999);
        assertThat(s.reset()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void aRetryAfterInTheSameAnswerBoundsTheReset() {
        // Azure DevOps: X-RateLimit-Reset is when usage drains to zero (54 s away); Retry-After says 3 s.
        RateSignal s = RateSignal.read(Headers.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset",
                String.valueOf(NOW.plusSeconds(54).getEpochSecond()), "Retry-After", "3"), NOW).orElseThrow();
        assertThat(s.remaining()).isZero();
        assertThat(s.reset()).isEqualTo(NOW.plusSeconds(3));
        // A later Retry-After than the reset changes nothing (the reset already lets requests go).
        RateSignal later = RateSignal.read(Headers.of("RateLimit-Remaining", "0", "RateLimit-Reset", "10",
                "Retry-After", "30"), NOW).orElseThrow();
        assertThat(later.reset()).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void incompleteOrGarbledHeadersAreNoSignal() {
        assertThat(RateSignal.read(Headers.of("RateLimit-Remaining", "5"), NOW)).isEmpty();
        assertThat(RateSignal.read(Headers.of("RateLimit-Remaining", "many", "RateLimit-Reset", "9"), NOW)).isEmpty();
        assertThat(RateSignal.read(Headers.of(), NOW)).isEmpty();
    }

    @Test
    void everyAnswerOfTheTransportTellsTheAccountsBudget() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        RateBudget budget = RateBudget.unlimited("gitlab|x|y");
        HttpTransport.Settings settings = HttpTransport.Settings.defaults();
        HttpTransport transport = new HttpTransport(HttpTransport.clientBuilder(settings).build(), "gitlab", "GitLab",
                Redactor.shapesOnly(), settings, d -> { }, clock, budget);
        server.enqueue(new MockResponse.Builder().code(200).body("{}")
                .addHeader("RateLimit-Remaining", "102").addHeader("RateLimit-Reset", "100").build());

        assertThat(budget.acquire(NOW)).isTrue(); // the slot the engine books before it calls the provider
        budget.prepaid(() -> assertThatCode(() -> transport.execute(new Request.Builder()
                .url(server.url("/api/v4/projects/1")).build())).doesNotThrowAnyException());

        assertThat(budget.rate()).as("(102 - 2) x 0.9 / 100 s").isEqualTo(0.9);
        assertThat(budget.nextSlot(NOW)).as("the request went in its slot: the next one is spaced from it")
                .isEqualTo(NOW.plus(Duration.ofMillis(1111)));
        server.enqueue(new MockResponse.Builder().code(200).body("{}")
                .addHeader("RateLimit-Remaining", "101").addHeader("RateLimit-Reset", "100").build());
        transport.execute(new Request.Builder().url(server.url("/api/v4/projects/1")).build());
        assertThat(budget.nextSlot(NOW)).as("a request sent without a slot is booked as it goes: (101 - 2) x 0.9 / "
                + "100 s, a request every 1.122 s").isEqualTo(NOW.plus(Duration.ofMillis(1122)));
    }

    @Test
    void connectionsWithTheSameCredentialsShareOneBudgetAndItsKeyHoldsNoSecret() {
        ProviderContext context = new ProviderContext(HttpTransport.clientBuilder(HttpTransport.Settings.defaults()).build(),
                HttpTransport.Settings.defaults(), d -> { }, Clock.systemUTC());
        ProviderCredentials a = ProviderCredentials.token(Token.of("glpat-abcdefghijklmnop"));
        ProviderCredentials b = ProviderCredentials.token(Token.of("glpat-abcdefghijklmnop"));
        ProviderCredentials other = ProviderCredentials.token(Token.of("glpat-zzzzzzzzzzzzzzzz"));
        RateBudget first = context.transport("gitlab", "GitLab", a, "", Double.POSITIVE_INFINITY).budget();
        assertThat(context.transport("gitlab", "GitLab", b, "", Double.POSITIVE_INFINITY).budget()).isSameAs(first);
        assertThat(context.transport("gitlab", "GitLab", other, "", Double.POSITIVE_INFINITY).budget()).isNotSameAs(first);
        assertThat(first.name()).startsWith("gitlab||").doesNotContain("glpat").doesNotContain("abcdefghijklmnop");
        assertThat(first.toString()).doesNotContain("abcdefghijklmnop");
    }
}
