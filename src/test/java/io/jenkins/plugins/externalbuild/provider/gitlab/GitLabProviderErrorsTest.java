package io.jenkins.plugins.externalbuild.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * GitLab errors (lib/api/helpers.rb, doc/api/rest/authentication.md, user_and_ip_rate_limits.md): tokens,
 * permissions, rate limits, server errors and malformed answers, never showing the token.
 */
class GitLabProviderErrorsTest extends GitLabProviderHarness {

    // ---- errors: lib/api/helpers.rb, doc/api/rest/authentication.md, user_and_ip_rate_limits.md

    @Test
    void unauthorizedSaysTheTokenNeedsTheApiScope() throws Exception {
        // doc/api/rest/authentication.md: bad or missing token -> 401 {"message":"401 Unauthorized"}
        server.enqueue(answer(401, "error-401.json"));
        ProviderException.AuthError e = statusFails(ProviderException.AuthError.class, job("123"));
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("GitLab answered 401 for job 123 of group/sub/app", "401 Unauthorized",
                "'api' scope");
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123");
    }

    @Test
    void forbiddenIsAnAuthError() {
        // lib/api/helpers.rb, forbidden!: 403 {"message":"403 Forbidden"}
        server.enqueue(answer(403, "error-403.json"));
        ProviderException.AuthError e = statusFails(ProviderException.AuthError.class, pipeline("456"));
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("403 Forbidden");
    }

    @Test
    void notFoundIsNotFound() {
        // lib/api/api.rb, RecordNotFound: 404 {"message":"404 Not found"}
        server.enqueue(answer(404, "error-404.json"));
        ProviderException.NotFound e = statusFails(ProviderException.NotFound.class, job("999"));
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("job 999 of group/sub/app", "404 Not found");
    }

    @Test
    void rateLimitIsRateLimitedWithRetryAfter() {
        // user_and_ip_rate_limits.md: 429, plain text "Retry later", Retry-After in seconds, RateLimit-Reset epoch
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "30")
                .setHeader("RateLimit-Reset", "1609844400").setHeader("Content-Type", "text/plain")
                .body(fixture("error-429.txt")).build());
        ProviderException.RateLimited e = statusFails(ProviderException.RateLimited.class, job("123"));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("Retry later");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitWithOnlyResetHeadersWaitsUntilTheResetByTheServersClock() {
        // user_and_ip_rate_limits.md: RateLimit-Reset 1609844400 = Tue, 05 Jan 2021 11:00:00 GMT
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Date", "Tue, 05 Jan 2021 10:58:00 GMT")
                .setHeader("RateLimit-Reset", "1609844400")
                .body("{\"message\":{\"error\":\"This endpoint has been requested too many times. Try again later.\"}}").build());
        ProviderException.RateLimited e = statusFails(ProviderException.RateLimited.class, job("123"));
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(2));
        assertThat(e.getMessage()).contains("requested too many times");
    }

    @Test
    void serverErrorIsTransient() {
        server.enqueue(new MockResponse.Builder().code(500).body("{\"message\":\"500 Internal Server Error\"}").build());
        ProviderException.Transient e = statusFails(ProviderException.Transient.class, job("123"));
        assertThat(e.httpStatus()).isEqualTo(500);
    }

    @Test
    void unavailableStatusReadsAreRetriedWithRecordedPauses() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).body("").build());
        server.enqueue(answer(200, "job-running.json"));
        assertThat(provider().status(job("123")).state()).isEqualTo(State.RUNNING);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(pauses).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void droppedConnectionOnRetryIsTransientAndNotRepeated() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        ProviderException.Transient e = catchThrowableOfType(ProviderException.Transient.class,
                () -> provider().restart(Attempt.first(job("123")), RestartMode.JOB));
        assertThat(e.httpStatus()).isZero();
        assertTokenAbsent(e);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void malformedJsonIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\": 123, \"status\": ").build());
        ProviderException.BadResponse e = statusFails(ProviderException.BadResponse.class, job("123"));
        assertThat(e.httpStatus()).isEqualTo(200);
    }

    @Test
    void htmlWhereAListWasExpectedIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html>Sign in</html>").build());
        assertThatThrownBy(() -> provider().commitJobs(SERVER, PROJECT, SHA))
                .isInstanceOf(ProviderException.BadResponse.class).hasMessageContaining("not a JSON list");
    }

    @Test
    void answerWithoutAStatusIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":123}").build());
        statusFails(ProviderException.BadResponse.class, job("123"));
    }

    @Test
    void retryAnswerWithoutAnIdIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(201).body("{\"status\":\"pending\"}").build());
        assertThatThrownBy(() -> provider().restart(Attempt.first(job("123")), RestartMode.JOB))
                .isInstanceOf(ProviderException.BadResponse.class).hasMessageContaining("without the id of the new build");
    }

    @Test
    void tokenEchoedInAnErrorBodyNeverReachesTheMessage() {
        server.enqueue(new MockResponse.Builder().code(400)
                .body("{\"message\":\"PRIVATE-TOKEN " + TOKEN + " is malformed\"}").build());
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider().restart(Attempt.first(job("123")), RestartMode.JOB));
        assertThat(e).isInstanceOf(ProviderException.NotRestartable.class);
        assertTokenAbsent(e);
        assertThat(e.getMessage()).contains("PRIVATE-TOKEN ██ is malformed");
    }

    @Test
    void v3OnAServerThatDroppedItSaysToUseApiVersion4() {
        // GitLab >= 11.0, lib/api/api.rb: every /api/v3 route answers 410 {"error":"API V3 is no longer supported. Use API V4 instead."}
        server.enqueue(new MockResponse.Builder().code(410)
                .body("{\"error\":\"API V3 is no longer supported. Use API V4 instead.\"}").build());
        assertThatThrownBy(() -> v3().status(job("123")))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("410")
                .hasMessageContaining("apiVersion 4");
    }
}
