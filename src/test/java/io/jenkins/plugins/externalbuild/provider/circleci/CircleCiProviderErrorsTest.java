package io.jenkins.plugins.externalbuild.provider.circleci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * How the CircleCI provider classifies refusals, rate limits, server errors and broken answers, never showing the
 * token.
 */
class CircleCiProviderErrorsTest extends CircleCiProviderHarness {

    @Test
    void unauthorizedNamesThePersonalApiTokenAndNeverTheToken() {
        answer(401, "error-401.json");

        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().status(workflow()));

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("personal API token").contains("You must log in first.");
        assertTokenAbsent(e);
    }

    @Test
    void forbiddenIsAnAuthError() {
        answer(403, "error-403.json");

        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().cancel(workflow()));

        assertThat(e.httpStatus()).isEqualTo(403);
        assertTokenAbsent(e);
    }

    @Test
    void unknownWorkflowIsNotFound() {
        answer(404, "error-404.json");

        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> provider().status(workflow()));

        assertThat(e.getMessage()).contains("Workflow not found");
        assertTokenAbsent(e);
    }

    @Test
    void rateLimitedCarriesRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "17")
                .setHeader("Content-Type", "application/json").body(fixture("error-429.json")).build());

        ProviderException.RateLimited e = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> provider().status(workflow()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
        assertTokenAbsent(e);
    }

    @Test
    void rateLimitedWithoutRetryAfterWaitsForTheResetSecondsCircleCiSends() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("X-RateLimit-Reset", "42")
                .setHeader("X-RateLimit-Remaining", "0").body(fixture("error-429.json")).build());

        ProviderException.RateLimited e = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> provider().status(workflow()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
        assertThat(e.getMessage()).endsWith("Retry after 42 s.").doesNotContain("Retry after 0 s.");
    }

    @Test
    void serverErrorsAreTransientAfterTheGetRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(503).body("{\"message\":\"unavailable\"}").build());
        }

        ProviderException.Transient e = catchThrowableOfType(ProviderException.Transient.class,
                () -> provider().status(workflow()));

        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(pauses).hasSize(2);
        assertTokenAbsent(e);
    }

    @Test
    void malformedJsonIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"status\": \"failed\"").build());

        ProviderException.BadResponse e = catchThrowableOfType(ProviderException.BadResponse.class,
                () -> provider().status(workflow()));

        assertThat(e.getMessage()).contains("not the expected JSON");
        assertTokenAbsent(e);
    }
}
