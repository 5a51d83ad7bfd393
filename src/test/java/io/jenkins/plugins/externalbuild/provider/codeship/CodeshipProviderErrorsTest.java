package io.jenkins.plugins.externalbuild.provider.codeship;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Codeship API v2 errors: refused logins and tokens, permissions, rate limits, server errors and malformed answers
 * (api-overview/errors, rate-limiting; codeship-go's auth fixtures), never showing a secret.
 */
class CodeshipProviderErrorsTest extends CodeshipProviderHarness {

    // ---- API v2: errors (api-overview/errors, rate-limiting; codeship-go auth fixtures)

    @Test
    void rejectedPasswordIsAnAuthError() throws Exception {
        answerFixture(401, "auth-401.json");

        ProviderException e = failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING)));

        assertThat(e).isInstanceOf(ProviderException.AuthError.class).hasMessageContaining("401")
                .hasMessageContaining("Unauthorized").hasMessageContaining("two-factor");
    }

    @Test
    void twoFactorAccountsAreToldTheyCannotUseTheApi() throws Exception {
        answerFixture(200, "auth-two-factor.json"); // codeship-go serves it with 200

        ProviderException e = failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING)));

        assertThat(e).isInstanceOf(ProviderException.AuthError.class).hasMessage(CodeshipSession.TWO_FACTOR);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void twoFactorRefusalWithAnErrorStatusSaysTheSame() throws Exception {
        answerFixture(401, "auth-two-factor.json");

        assertThat(failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING))))
                .isInstanceOf(ProviderException.AuthError.class).hasMessage(CodeshipSession.TWO_FACTOR);
    }

    @Test
    void aTokenRefusedAgainAfterLoggingInAgainIsAnAuthError() throws Exception {
        authOk();
        answerFixture(401, "error-401.json");
        authOk();
        answerFixture(401, "error-401.json");

        assertThat(failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING))))
                .isInstanceOf(ProviderException.AuthError.class).hasMessageContaining("401");
        assertThat(server.getRequestCount()).isEqualTo(4); // logged in again once, not more
    }

    @Test
    void aTokenThatExpiredEarlyMidWaitLogsInAgainOnceAndTheReadGoesOn() throws Exception {
        String renewed = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.renewed.externalbuild-test-signature-2";
        authOk();
        answerFixture(200, "build-testing.json");
        answerFixture(401, "error-401.json"); // the token was revoked or expired before its expires_at
        answer(200, fixture("auth.json").replace(ACCESS_TOKEN, renewed));
        answerFixture(200, "build-success.json");
        CodeshipProvider codeship = v2();
        BuildRef ref = ref(ORG + "/" + BASIC, TESTING);

        assertThat(codeship.status(ref).state()).isEqualTo(BuildStatus.State.RUNNING);
        assertThat(codeship.status(ref).state()).isEqualTo(BuildStatus.State.SUCCESS);

        List<String> lines = new ArrayList<>();
        RecordedRequest last = null;
        for (int i = 0; i < 5; i++) {
            last = take();
            lines.add(last.getRequestLine());
        }
        String get = "GET " + buildPath(BASIC, TESTING) + " HTTP/1.1";
        assertThat(lines).containsExactly("POST /v2/auth HTTP/1.1", get, get, "POST /v2/auth HTTP/1.1", get);
        assertThat(last.getHeaders().get("Authorization")).isEqualTo("Bearer " + renewed);
    }

    @Test
    void plainForbiddenIsAPermissionError() throws Exception {
        authOk();
        answerFixture(403, "error-403.json");

        ProviderException e = failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING)));

        assertThat(e).isInstanceOf(ProviderException.AuthError.class).hasMessageContaining("403")
                .hasMessageContaining("build.read");
    }

    @Test
    void rateLimitForbiddenIsRateLimitedForAMinute() throws Exception {
        authOk();
        rateLimited();

        ProviderException e = failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING)));

        assertThat(e).isInstanceOf(ProviderException.RateLimited.class).hasMessageContaining("60 requests a minute");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
    }

    @Test
    void rateLimitNamedInTheBodyIsRateLimitedToo() throws Exception {
        authOk();
        answer(403, "{\"errors\":[\"Rate Limit Exceeded\"]}");

        assertThat(failure(() -> v2().cancel(ref(ORG + "/" + BASIC, TESTING))))
                .isInstanceOf(ProviderException.RateLimited.class);
    }

    @Test
    void rateLimitedAuthenticationIsRateLimited() {
        rateLimited();

        assertThat(failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING))))
                .isInstanceOf(ProviderException.RateLimited.class);
    }

    @Test
    void unknownBuildIsNotFound() throws Exception {
        authOk();
        answerFixture(404, "error-404.json");

        assertThat(failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING))))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("Build not found");
    }

    @Test
    void serverErrorsAreTransientAfterRetries() throws Exception {
        authOk();
        for (int i = 0; i < 3; i++) {
            answer(503, "{\"errors\":[\"Service Unavailable\"]}");
        }

        assertThat(failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING))))
                .isInstanceOf(ProviderException.Transient.class);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void failedRestartPostIsTransientWithoutARetry() throws Exception {
        authOk();
        answerFixture(200, "build-error.json");
        answerFixture(200, "project-basic.json");
        answer(500, "{\"errors\":[\"Internal Server Error\"]}");

        assertThat(failure(() -> v2().restart(Attempt.first(ref(ORG + "/" + BASIC, ERROR)), null)))
                .isInstanceOf(ProviderException.Transient.class);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void malformedBuildIsABadResponse() throws Exception {
        authOk();
        answer(200, "{\"build\": {\"uuid\": ");

        assertThat(failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING))))
                .isInstanceOf(ProviderException.BadResponse.class);
    }

    @Test
    void malformedAuthenticationIsABadResponseWithoutTheToken() {
        answer(200, "{\"access_token\": \"" + ACCESS_TOKEN + "\", \"organizations\": [");

        assertThat(failure(() -> v2().status(ref(ORG + "/" + BASIC, TESTING))))
                .isInstanceOf(ProviderException.BadResponse.class);
    }
}
