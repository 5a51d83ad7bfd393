package io.jenkins.plugins.externalbuild.provider.buildkite;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * Buildkite errors: tokens and scopes, rate limits by organization and user, server errors and malformed answers,
 * never showing the token.
 */
class BuildkiteProviderErrorsTest extends BuildkiteProviderHarness {

    // ---- errors

    @Test
    void unauthorizedNamesTheTokenScopes() throws Exception {
        server.enqueue(answer(401, "error-401.json"));
        ProviderException.AuthError e = fails(ProviderException.AuthError.class, () -> provider().status(build("42")));
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("Buildkite answered 401 for build 42 of acme/web-app", "Authentication required",
                "read_builds", "write_builds", "Authorization: Bearer");
        expect("GET", BUILDS + "/42");
    }

    @Test
    void forbiddenIsAnAuthErrorNamingTheScopes() {
        server.enqueue(answer(403, "error-403.json"));
        ProviderException.AuthError e = fails(ProviderException.AuthError.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.ALL));
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("lacks a permission", "write_builds");
    }

    @Test
    void notFoundIsNotFound() {
        server.enqueue(answer(404, "error-404.json"));
        ProviderException.NotFound e = fails(ProviderException.NotFound.class, () -> provider().status(build("999")));
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("build 999 of acme/web-app", "No build found", "organization");
    }

    @Test
    void rateLimitedWaitsTheResetSecondsAndPausesTheBudget() {
        // rate_limits.md: 429, RateLimit-Reset in seconds from now, body with scope and reset
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
                .setHeader("RateLimit-Remaining", "0").setHeader("RateLimit-Limit", "200").setHeader("RateLimit-Reset", "42")
                .body(fixture("error-429.json")).build());
        Provider p = provider();
        ProviderException.RateLimited e = fails(ProviderException.RateLimited.class, () -> p.status(build("42")));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
        assertThat(e.getMessage()).contains("exceeded your API rate limit", "retry after 42 s");
        assertThat(p.pollSource().budget().nextSlot(clock.instant())).isEqualTo(clock.instant().plusSeconds(42));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitedByTheUserLimitWaitsForTheLaterReset() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("RateLimit-Reset", "5")
                .setHeader("RateLimit-User-Remaining", "0").setHeader("RateLimit-User-Reset", "37")
                .body(fixture("error-429.json")).build());
        ProviderException.RateLimited e = fails(ProviderException.RateLimited.class, () -> provider().status(build("42")));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(37));
    }

    @Test
    void rateLimitedWithoutHeadersWaitsTheBodysReset() {
        server.enqueue(new MockResponse.Builder().code(429).body(fixture("error-429.json")).build());
        ProviderException.RateLimited e = fails(ProviderException.RateLimited.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.ALL));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
    }

    @Test
    void serverErrorIsTransient() {
        server.enqueue(new MockResponse.Builder().code(500).body("{\"message\":\"Internal Server Error\"}").build());
        ProviderException.Transient e = fails(ProviderException.Transient.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.ALL));
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(server.getRequestCount()).isEqualTo(1); // a PUT is never repeated
    }

    @Test
    void unavailableStatusReadsAreRetriedWithRecordedPauses() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).body("").build());
        server.enqueue(answer(200, "build-running.json"));
        assertThat(provider().status(build("42")).state()).isEqualTo(State.RUNNING);
        assertThat(pauses).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void droppedConnectionIsTransientAndTheRebuildIsNotRepeated() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        ProviderException.Transient e = fails(ProviderException.Transient.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.ALL));
        assertThat(e.httpStatus()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void malformedJsonIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"number\": 42, \"state\": ").build());
        ProviderException.BadResponse e = fails(ProviderException.BadResponse.class, () -> provider().status(build("42")));
        assertThat(e.httpStatus()).isEqualTo(200);
    }

    @Test
    void answerWithoutAStateIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"number\":42}").build());
        fails(ProviderException.BadResponse.class, () -> provider().status(build("42")));
    }

    @Test
    void tokenEchoedInAnErrorBodyIsRedacted() {
        server.enqueue(new MockResponse.Builder().code(401).body("{\"message\":\"Bad token " + TOKEN + "\"}").build());
        ProviderException.AuthError e = fails(ProviderException.AuthError.class, () -> provider().status(build("42")));
        assertThat(e.getMessage()).contains("Bad token");
    }
}
