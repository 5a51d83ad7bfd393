package io.jenkins.plugins.externalbuild.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * Azure DevOps errors: refused and redirected sign-ins, missing scopes and builds, blocked and delayed requests,
 * server errors and malformed answers, never showing the token.
 */
class AzureDevOpsProviderErrorsTest extends AzureDevOpsProviderHarness {

    // ---- errors

    @Test
    void unauthorizedIsAuthError() {
        server.enqueue(new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Basic realm=\"https://dev.azure.com/\"")
                .build());
        assertThat(statusFails(ProviderException.AuthError.class).getMessage()).contains("personal access token");
    }

    @Test
    void signInPageWith203IsAuthError() {
        // A wrong PAT is answered 203 Non-Authoritative Information with the HTML sign-in page, not 401.
        server.enqueue(new MockResponse.Builder().code(203).setHeader("Content-Type", "text/html; charset=utf-8")
                .body(fixture("signin-203.html")).build());
        ProviderException.AuthError e = statusFails(ProviderException.AuthError.class);
        assertThat(e.httpStatus()).isEqualTo(203);
        assertThat(e.getMessage()).contains("sign-in page").doesNotContain("<html");
    }

    @Test
    void redirectToSignInIsAuthError() {
        server.enqueue(new MockResponse.Builder().code(302)
                .setHeader("Location", "https://spsprodweu5.vssps.visualstudio.com/_signin?realm=dev.azure.com").build());
        statusFails(ProviderException.AuthError.class);
    }

    @Test
    void forbiddenIsAuthErrorNamingTheScope() {
        server.enqueue(answer(403, "error-403.json"));
        assertThat(statusFails(ProviderException.AuthError.class).getMessage()).contains("TF215106")
                .contains("Build (Read & execute)");
    }

    @Test
    void missingBuildIsNotFound() {
        server.enqueue(answer(404, "error-404.json"));
        assertThat(statusFails(ProviderException.NotFound.class).getMessage()).contains("TF401026");
    }

    @Test
    void blockedRequestIsRateLimitedForTheRetryAfterSeconds() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", "30").setHeader("X-RateLimit-Resource", "ATCPU")
                .setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", "1715680860")
                .body(fixture("error-429.json")).build());
        ProviderException.RateLimited e = statusFails(ProviderException.RateLimited.class);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("TF400733");
    }

    @Test
    void aBlockedRequestWaitsItsRetryAfterNotTheTimeUsageDrainsToZero() {
        // X-RateLimit-Reset is when usage would drain to zero in the sliding window, minutes away; Retry-After says
        // when to send again (learn.microsoft.com "Rate and usage limits"). When both come, Retry-After decides.
        long drained = CLOCK.instant().getEpochSecond() + 54;
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", "3").setHeader("X-RateLimit-Resource", "ATCPU")
                .setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", String.valueOf(drained))
                .body(fixture("error-429.json")).build());
        Provider provider = provider();

        ProviderException.RateLimited e = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> provider.status(build("1234")));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(provider.pollSource().budget().nextSlot(CLOCK.instant()))
                .isBeforeOrEqualTo(CLOCK.instant().plusSeconds(3));
    }

    @Test
    void delayedRequestIsUsedAndPausesTheAccountBudget() throws Exception {
        // Delayed, not blocked: 200 with the answer, Retry-After and X-RateLimit-Delay.
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", "12").setHeader("X-RateLimit-Resource", "ATCPU")
                .setHeader("X-RateLimit-Delay", "1.250").setHeader("X-RateLimit-Limit", "200")
                .setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", "1715680860")
                .body(fixture("build-in-progress.json")).build());
        Provider provider = provider();
        assertThat(provider.status(build("1234")).state()).isEqualTo(State.RUNNING);
        assertThat(provider.pollSource().budget().nextSlot(CLOCK.instant()))
                .isAfterOrEqualTo(CLOCK.instant().plusSeconds(12));
    }

    @Test
    void rateLimitHeadersFeedTheAccountBudget() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json").newBuilder().setHeader("X-RateLimit-Limit", "200")
                .setHeader("X-RateLimit-Remaining", "1").setHeader("X-RateLimit-Reset", "1715680860").build());
        Provider provider = provider();
        provider.status(build("1234"));
        assertThat(provider.pollSource().budget().nextSlot(CLOCK.instant())).isEqualTo(Instant.ofEpochSecond(1715680860));
    }

    @Test
    void serverErrorIsTransientAfterTheGetRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(503).body("Service Unavailable").build());
        }
        statusFails(ProviderException.Transient.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void serverErrorOnRetryIsTransientAndNotRepeated() {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(new MockResponse.Builder().code(500).body("{\"message\":\"VS800075: internal error\"}").build());
        ProviderException.Transient e = catchThrowableOfType(ProviderException.Transient.class,
                () -> provider().restart(Attempt.first(build("1234")), RestartMode.FAILED));
        assertThat(e).isNotNull();
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertTokenAbsent(e);
    }

    @Test
    void malformedJsonIsBadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"id\": 1234, \"status\": ").build());
        statusFails(ProviderException.BadResponse.class);
    }

    @Test
    void droppedConnectionIsTransient() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        }
        statusFails(ProviderException.Transient.class);
    }

    @Test
    void tokenInAnErrorBodyIsRedactedInBothSpellings() {
        server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
                .body("{\"message\":\"bad header Authorization: Basic " + BASIC + " for " + TOKEN + " (" + BASIC + ")\"}").build());
        ProviderException.BadResponse e = statusFails(ProviderException.BadResponse.class);
        assertThat(e.getMessage()).contains("██");
    }

    @Test
    void connectionNeverPrintsTheToken() {
        Provider provider = provider();
        assertThat(provider.toString()).doesNotContain(TOKEN).doesNotContain(BASIC);
        assertThat(new ConnectionSettings(null, ProviderCredentials.token(Token.of(TOKEN)), Map.of()).toString())
                .doesNotContain(TOKEN);
    }

    @Test
    void awsCredentialsAreRefusedClearly() {
        assertThatThrownBy(() -> connect(null, ProviderCredentials.Aws.defaultChain(null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("personal access token");
    }
}
