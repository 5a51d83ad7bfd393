package io.jenkins.plugins.externalbuild.provider.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AWS CodeBuild errors: throttling, denied access, signature and token errors, server errors and malformed
 * answers, never showing a secret.
 */
class CodeBuildProviderErrorsTest extends CodeBuildProviderHarness {

    // --- errors ---

    @Test
    void throttlingExceptionInTheBodyIsRateLimitedWithAFiveSecondHint() {
        answer(400, fixture("throttling.json"));

        assertThatThrownBy(() -> provider().status(build(RUNNING)))
                .isInstanceOfSatisfying(ProviderException.RateLimited.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("ThrottlingException").contains("Rate exceeded")
                            .contains("request id 0b7e8f1c");
                })
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void throttlingNamedOnlyInTheErrorTypeHeaderIsRateLimited() {
        // As observed (fixture README, REPOST): no __type, the type in x-amzn-ErrorType with a coral suffix.
        server.enqueue(new MockResponse.Builder().code(400)
                .setHeader("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/")
                .body("{\"message\":\"Rate exceeded\"}").build());

        assertThatThrownBy(() -> provider().status(build(RUNNING)))
                .isInstanceOf(ProviderException.RateLimited.class)
                .hasMessageContaining("400 ThrottlingException to BatchGetBuilds")
                .hasMessageNotContaining("coral")
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void rateExceededWithoutAnyTypeIsRateLimitedAndHonoursRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(400).setHeader("Retry-After", "7")
                .body("{\"message\":\"Rate exceeded\"}").build());

        assertThatThrownBy(() -> provider().status(build(RUNNING)))
                .isInstanceOfSatisfying(ProviderException.RateLimited.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)))
                .satisfies(this::assertTokenAbsent);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403})
    void accessDeniedIsAnAuthErrorNamingThePermission(int code) {
        answer(code, fixture("access-denied.json"));

        assertThatThrownBy(() -> provider().restart(Attempt.first(build(FAILED)), null))
                .isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("AccessDeniedException").hasMessageContaining("codebuild:RetryBuild")
                .satisfies(this::assertTokenAbsent);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403})
    void unrecognizedClientIsAnAuthError(int code) {
        answer(code, fixture("unrecognized-client.json"));

        assertThatThrownBy(() -> provider().status(build(RUNNING)))
                .isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("UnrecognizedClientException").hasMessageContaining("rejected the credentials")
                .satisfies(this::assertTokenAbsent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"InvalidSignatureException", "ExpiredTokenException", "com.amazon.coral.service#ExpiredTokenException"})
    void signatureAndTokenErrorsAreAuthErrors(String type) {
        answer(400, "{\"__type\":\"" + type + "\",\"message\":\"The request signature we calculated does not match\"}");

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.AuthError.class)
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void errorTextEchoingTheSessionTokenOrSignatureIsRedacted() {
        answer(400, "{\"__type\":\"InvalidSignatureException\",\"message\":\"Canonical request: x-amz-security-token:"
                + SESSION + " Credential=" + KEY_ID + "/20261124/us-east-1/codebuild/aws4_request Signature="
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}");

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.AuthError.class)
                .hasMessageNotContaining("0123456789abcdef0123")
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void serverErrorIsTransient() {
        answer(500, "{\"__type\":\"InternalFailure\",\"message\":\"An internal error occurred\"}");

        assertThatThrownBy(() -> provider().status(build(RUNNING)))
                .isInstanceOfSatisfying(ProviderException.Transient.class, e -> assertThat(e.httpStatus()).isEqualTo(500))
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void serviceUnavailableIsTransientAndNotRetriedBlindly() {
        server.enqueue(new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.Transient.class)
                .satisfies(this::assertTokenAbsent);
        assertThat(server.getRequestCount()).isEqualTo(1); // a POST: the engine decides when to poll again
    }

    @Test
    void malformedJsonIsABadResponse() {
        answer(200, "{\"builds\":[{\"id\":");

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.BadResponse.class)
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void buildWithoutAStatusIsABadResponse() {
        answer(200, "{\"builds\":[{\"id\":\"" + RUNNING + "\"}],\"buildsNotFound\":[]}");

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.BadResponse.class)
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void droppedConnectionIsTransient() {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.Transient.class)
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void unknownStatusIsUnknownButKept() throws Exception {
        answer(200, "{\"builds\":[{\"id\":\"" + RUNNING + "\",\"buildStatus\":\"PENDING\"}]}");

        assertThat(provider().status(build(RUNNING))).isEqualTo(BuildStatus.of(State.UNKNOWN, "PENDING"));
    }
}
