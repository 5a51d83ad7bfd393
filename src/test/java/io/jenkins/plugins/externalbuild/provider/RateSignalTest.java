package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;

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

        transport.execute(new Request.Builder().url(server.url("/api/v4/projects/1")).build());

        assertThat(budget.rate()).as("(102 - 2) x 0.9 / 100 s").isEqualTo(0.9);
        assertThat(budget.nextSlot(NOW)).isEqualTo(NOW);
        budget.acquire(NOW);
        assertThat(budget.nextSlot(NOW)).as("one request sent: (101 - 2) x 0.9 / 100 s, a request every 1.122 s")
                .isEqualTo(NOW.plus(Duration.ofMillis(1122)));
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
