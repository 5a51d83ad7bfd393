package io.jenkins.plugins.externalbuild.provider.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * GitHub errors ("Troubleshooting the REST API", "Rate limits for the REST API"): tokens, permissions, primary and
 * secondary rate limits, server errors and malformed answers, never showing the token.
 */
class GitHubActionsProviderErrorsTest extends GitHubActionsProviderHarness {

    // ---- errors: "Troubleshooting the REST API", "Rate limits for the REST API"

    @Test
    void badTokenIsAnAuthError() {
        server.enqueue(answer(401, "error-401.json"));
        ProviderException.AuthError e = statusFails(ProviderException.AuthError.class);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("Bad credentials", "refused the token");
    }

    @Test
    void forbiddenWithoutRateLimitIsAMissingPermission() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(new MockResponse.Builder().code(403).setHeader("x-ratelimit-remaining", "4987")
                .setHeader("x-ratelimit-reset", "1715684400").body(fixture("error-403-permission.json")).build());
        ProviderException.AuthError e = restartFails(ProviderException.AuthError.class, RestartMode.FAILED);
        assertThat(e.getMessage()).contains("Resource not accessible by personal access token", "'Actions: Read and write'",
                "'repo' scope");
    }

    @Test
    void forbiddenWithNoRequestsRemainingIsRateLimitedUntilTheReset() {
        // primary rate limit: 403 with x-ratelimit-remaining 0; reset in epoch seconds, read on the server's clock
        server.enqueue(new MockResponse.Builder().code(403).setHeader("Date", "Tue, 14 May 2024 10:00:00 GMT")
                .setHeader("x-ratelimit-limit", "5000").setHeader("x-ratelimit-remaining", "0")
                .setHeader("x-ratelimit-used", "5000").setHeader("x-ratelimit-reset", "1715681400")
                .setHeader("x-ratelimit-resource", "core").body(fixture("error-403-rate-limit.json")).build());
        ProviderException.RateLimited e = statusFails(ProviderException.RateLimited.class);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(10));
        assertThat(e.getMessage()).contains("API rate limit exceeded", "resets in 600 s");
    }

    @Test
    void tooManyRequestsWithNoRequestsRemainingIsRateLimitedToo() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Date", "Tue, 14 May 2024 10:00:00 GMT")
                .setHeader("x-ratelimit-remaining", "0").setHeader("x-ratelimit-reset", "1715680860")
                .body(fixture("error-403-rate-limit.json")).build());
        assertThat(statusFails(ProviderException.RateLimited.class).retryAfter()).contains(Duration.ofMinutes(1));
    }

    @Test
    void secondaryRateLimitWaitsAsLongAsRetryAfterSays() {
        server.enqueue(new MockResponse.Builder().code(403).setHeader("retry-after", "30")
                .setHeader("x-ratelimit-remaining", "4000").body(fixture("error-403-secondary-rate-limit.json")).build());
        ProviderException.RateLimited e = statusFails(ProviderException.RateLimited.class);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("secondary rate limit");
    }

    @Test
    void secondaryRateLimitWithoutRetryAfterWaitsAMinute() {
        server.enqueue(answer(403, "error-403-secondary-rate-limit.json"));
        assertThat(statusFails(ProviderException.RateLimited.class).retryAfter()).contains(Duration.ofMinutes(1));
    }

    @Test
    void unknownRunOrInvisiblePrivateRepositoryIsNotFoundWithATokenHint() {
        server.enqueue(answer(404, "error-404.json"));
        ProviderException.NotFound e = statusFails(ProviderException.NotFound.class);
        assertThat(e.getMessage()).contains("GitHub answered 404 for run 30433642 of octo-org/octo-repo", "Not Found",
                "private repository", "'repo' scope");
    }

    @Test
    void serverErrorsAreTransientAndGetsAreRetriedOnBadGateway() {
        server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad gateway</html>").build());
        server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad gateway</html>").build());
        server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad gateway</html>").build());
        ProviderException.Transient e = statusFails(ProviderException.Transient.class);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        server.enqueue(json(500, "{\"message\":\"Server Error\"}"));
        assertThat(statusFails(ProviderException.Transient.class).httpStatus()).isEqualTo(500);
    }

    @Test
    void malformedJsonIsABadResponse() {
        server.enqueue(json(200, "{\"id\": 30433642, \"status\": "));
        assertThat(statusFails(ProviderException.BadResponse.class).getMessage()).contains("not the expected JSON");
        server.enqueue(json(200, "{\"id\": 30433642}"));
        assertThat(statusFails(ProviderException.BadResponse.class).getMessage()).contains("without a status");
    }

    @Test
    void droppedConnectionDuringARerunIsTransientAndNotRetried() {
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        ProviderException.Transient e = restartFails(ProviderException.Transient.class, RestartMode.FAILED);
        assertThat(e.httpStatus()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void tokenNeverAppearsInToStringOfTheSettingsOrTheProvider() {
        ConnectionSettings settings = new ConnectionSettings(null, ProviderCredentials.token(Token.of(TOKEN)), null);
        assertThat(settings.toString()).doesNotContain(TOKEN);
        assertThat(provider().toString()).doesNotContain(TOKEN);
    }

    @Test
    void userNameAndPasswordAreRefused() {
        assertThatThrownBy(() -> type.connect(new ConnectionSettings(null,
                new ProviderCredentials.UsernamePassword("octocat", Token.of("hunter2hunter2")), null), context()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authenticates with a token");
    }
}
