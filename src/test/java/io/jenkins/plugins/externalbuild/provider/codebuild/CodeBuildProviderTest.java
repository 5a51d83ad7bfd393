package io.jenkins.plugins.externalbuild.provider.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CodeBuild's JSON API replayed from the fixtures in {@code CodeBuildProviderTest/} (see the README there for the
 * sources: the service model, the API Reference pages API_BatchGetBuilds, API_RetryBuild, API_StopBuild,
 * API_RetryBuildBatch, and Smithy's aws-json-1_1 protocol). Every error test checks that no key material, session
 * token or signature reaches a message, a {@code toString()} or a log record.
 */
class CodeBuildProviderTest {

    static final String KEY_ID = "AKIDEXAMPLE0000TEST1";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYsecretKEY1";
    static final String SESSION = "FQoGZXIvYXdzEXAMPLEsessionTOKENvalue0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    static final String RUNNING = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e01";
    static final String PROVISIONING = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e05";
    static final String FAILED = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e03";
    static final String SUCCEEDED = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e02";
    static final String RETRIED = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e04";
    static final String MISSING = "externalbuild-demo:00000000-0000-4000-8000-000000000000";
    static final String BATCH = "externalbuild-demo:b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c01";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final List<LogRecord> logs = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger ourLogger = Logger.getLogger("io.jenkins.plugins.externalbuild");
    private final List<String> signatures = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        ourLogger.setLevel(Level.ALL);
        ourLogger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        ourLogger.removeHandler(capture);
        ourLogger.setLevel(null);
    }

    static ProviderContext context() {
        HttpTransport.Settings settings = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024 * 1024, 2, Duration.ofMillis(1));
        return new ProviderContext(HttpTransport.clientBuilder(settings).build(), settings, d -> { },
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    CodeBuildProvider provider(ProviderCredentials credentials) {
        return (CodeBuildProvider) new CodeBuildProviderType().connect(
                new ConnectionSettings(server.url("/").uri(), credentials, Map.of()), context());
    }

    CodeBuildProvider provider() {
        return provider(ProviderCredentials.Aws.keys(KEY_ID, Token.of(SECRET), Token.of(SESSION), null));
    }

    static BuildRef build(String id) {
        return new CodeBuildProviderType().fromCoordinates("us-east-1", null, "build", id);
    }

    static BuildRef batch(String id) {
        return new CodeBuildProviderType().fromCoordinates("us-east-1", null, "batch", id);
    }

    static String fixture(String name) {
        try (InputStream in = CodeBuildProviderTest.class.getResourceAsStream("CodeBuildProviderTest/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code)
                .setHeader("Content-Type", "application/x-amz-json-1.1")
                .setHeader("X-Amzn-RequestId", "0b7e8f1c-1d2e-4f3a-9b8c-7d6e5f4a3b21")
                .body(body).build());
    }

    RecordedRequest take(String operation) throws InterruptedException {
        RecordedRequest request = server.takeRequest();
        assertThat(request.getRequestLine()).isEqualTo("POST / HTTP/1.1");
        assertThat(request.getHeaders().get("X-Amz-Target")).isEqualTo("CodeBuild_20161006." + operation);
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        String authorization = request.getHeaders().get("Authorization");
        assertThat(authorization).matches("AWS4-HMAC-SHA256 Credential=" + KEY_ID
                + "/20261124/us-east-1/codebuild/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}");
        assertThat(authorization).contains("content-type").contains("host").contains("x-amz-date")
                .contains("x-amz-target").contains("x-amz-security-token");
        assertThat(request.getHeaders().get("X-Amz-Date")).isEqualTo("20261124T120000Z");
        assertThat(request.getHeaders().get("X-Amz-Security-Token")).isEqualTo(SESSION);
        signatures.add(authorization.substring(authorization.indexOf("Signature=") + "Signature=".length()));
        return request;
    }

    static JsonNode body(RecordedRequest request) throws IOException {
        return Json.MAPPER.readTree(request.getBody().utf8());
    }

    /** No secret in the message, the toString() or any log record, whatever the failure. */
    void assertNoSecrets(Throwable e) {
        List<String> texts = new ArrayList<>(List.of(String.valueOf(e.getMessage()), e.toString()));
        for (LogRecord r : logs) {
            texts.add(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    texts.add(String.valueOf(p));
                }
            }
        }
        for (String text : texts) {
            assertThat(text).doesNotContain(SECRET).doesNotContain(SESSION).doesNotContain(KEY_ID);
            for (String signature : signatures) {
                assertThat(text).doesNotContain(signature);
            }
        }
    }

    // --- status (API_BatchGetBuilds) ---

    @Test
    void statusOfARunningBuildIsOneSignedBatchGetBuilds() throws Exception {
        answer(200, fixture("batch-get-builds-in-progress.json"));

        BuildStatus status = provider().status(build(RUNNING));

        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.raw()).isEqualTo("IN_PROGRESS");
        RecordedRequest request = take("BatchGetBuilds");
        assertThat(body(request)).isEqualTo(Json.MAPPER.readTree("{\"ids\":[\"" + RUNNING + "\"]}"));
    }

    @Test
    void batchMemberInProvisioningIsRunning() throws Exception {
        answer(200, fixture("batch-get-builds-in-progress.json"));

        assertThat(provider().status(build(PROVISIONING)).state()).isEqualTo(State.RUNNING);
    }

    @Test
    void retriedBuildStillInTheQueuedPhaseIsQueued() throws Exception {
        String build = Json.MAPPER.readTree(fixture("retry-build-response.json")).get("build").toString();
        answer(200, "{\"builds\":[" + build + "],\"buildsNotFound\":[]}");

        BuildStatus status = provider().status(build(RETRIED));

        assertThat(status.state()).isEqualTo(State.QUEUED);
        assertThat(status.raw()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void succeededBuildIsSuccess() throws Exception {
        answer(200, fixture("batch-get-builds-succeeded.json"));

        assertThat(provider().status(build(SUCCEEDED))).isEqualTo(BuildStatus.of(State.SUCCESS, "SUCCEEDED"));
    }

    @Test
    void failedBuildIsFailedAndNamesItsFailedPhase() throws Exception {
        answer(200, fixture("batch-get-builds-failed.json"));
        answer(200, fixture("batch-get-builds-failed.json"));

        CodeBuildProvider provider = provider();
        assertThat(provider.status(build(FAILED))).isEqualTo(BuildStatus.of(State.FAILED, "FAILED"));
        assertThat(provider.failedJobs(build(FAILED))).containsExactly("BUILD");
    }

    @Test
    void buildInBuildsNotFoundIsNotFound() throws Exception {
        answer(200, fixture("batch-get-builds-failed.json"));

        assertThatThrownBy(() -> provider().status(build(MISSING)))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining(MISSING).hasMessageContaining("us-east-1")
                .satisfies(this::assertNoSecrets);
    }

    @Test
    void batchStatusesMapFromBuildBatchStatus() throws Exception {
        answer(200, fixture("batch-get-build-batches-in-progress.json"));
        answer(200, fixture("batch-get-build-batches-succeeded.json"));
        answer(200, fixture("batch-get-build-batches-failed.json"));

        CodeBuildProvider provider = provider();
        assertThat(provider.status(batch(BATCH))).isEqualTo(BuildStatus.of(State.RUNNING, "IN_PROGRESS"));
        assertThat(provider.status(batch(BATCH))).isEqualTo(BuildStatus.of(State.SUCCESS, "SUCCEEDED"));
        assertThat(provider.status(batch(BATCH))).isEqualTo(BuildStatus.of(State.FAILED, "FAILED"));
        RecordedRequest request = take("BatchGetBuildBatches");
        assertThat(body(request)).isEqualTo(Json.MAPPER.readTree(fixture("batch-get-build-batches-request.json")));
    }

    @Test
    void failedBatchNamesItsFailedBuildGroupsNotTheOnesStoppedAfterThem() throws Exception {
        answer(200, fixture("batch-get-build-batches-failed.json"));

        assertThat(provider().failedJobs(batch(BATCH))).containsExactly("linux_small");
    }

    @Test
    void batchMissingFromTheAnswerIsNotFound() {
        answer(200, fixture("batch-get-build-batches-failed.json"));

        assertThatThrownBy(() -> provider().status(batch(MISSING))).isInstanceOf(ProviderException.NotFound.class)
                .satisfies(this::assertNoSecrets);
    }

    @Test
    void twoHundredFiftyBuildsAreReadInThreeCallsOfAtMostOneHundred() throws Exception {
        List<BuildRef> refs = IntStream.range(0, 250)
                .mapToObj(i -> build(String.format("p:00000000-0000-4000-8000-%012d", i))).toList();
        for (int from = 0; from < 250; from += 100) {
            StringBuilder builds = new StringBuilder();
            for (int i = from; i < Math.min(250, from + 100); i++) {
                if (i == 7) {
                    continue; // CodeBuild lists it in buildsNotFound
                }
                builds.append(builds.length() == 0 ? "" : ",").append("{\"id\":\"").append(refs.get(i).id())
                        .append("\",\"buildStatus\":\"").append(i % 2 == 0 ? "SUCCEEDED" : "IN_PROGRESS")
                        .append("\",\"currentPhase\":\"BUILD\"}");
            }
            answer(200, "{\"builds\":[" + builds + "],\"buildsNotFound\":[" + (from == 0 ? "\"" + refs.get(7).id() + "\"" : "") + "]}");
        }

        Map<BuildRef, BuildStatus> statuses = provider().statuses(refs);

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(body(take("BatchGetBuilds")).get("ids")).hasSize(100);
        assertThat(body(take("BatchGetBuilds")).get("ids")).hasSize(100);
        JsonNode last = body(take("BatchGetBuilds")).get("ids");
        assertThat(last).hasSize(50);
        assertThat(last.get(0).asText()).isEqualTo(refs.get(200).id());
        assertThat(statuses).hasSize(249).doesNotContainKey(refs.get(7));
        assertThat(statuses.get(refs.get(0)).state()).isEqualTo(State.SUCCESS);
        assertThat(statuses.get(refs.get(249)).state()).isEqualTo(State.RUNNING);
        assertThat(List.copyOf(statuses.keySet()).get(7)).isEqualTo(refs.get(8));
    }

    // --- restart (API_RetryBuild, API_RetryBuildBatch) ---

    @Test
    void retryOfAFailedBuildReturnsTheNewBuildAsTheNextAttempt() throws Exception {
        answer(200, fixture("retry-build-response.json"));

        Attempt next = provider().restart(Attempt.first(build(FAILED)), null);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo(RETRIED);
        assertThat(next.ref().kind()).isEqualTo("build");
        assertThat(next.ref().url()).isEqualTo("https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/"
                + "externalbuild-demo/build/" + RETRIED + "/log?region=us-east-1");
        JsonNode body = body(take("RetryBuild"));
        assertThat(body.get("id").asText()).isEqualTo(FAILED);
        assertThat(body.get("idempotencyToken").asText()).startsWith("externalbuild-")
                .isEqualTo(CodeBuildProvider.idempotencyToken(build(FAILED), 1));
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void replayOfTheSameAttemptSendsTheSameIdempotencyTokenAndTheNextAttemptAnother() throws Exception {
        answer(200, fixture("retry-build-response.json"));
        answer(200, fixture("retry-build-response.json"));
        answer(200, fixture("retry-build-response.json"));
        CodeBuildProvider provider = provider();

        provider.restart(Attempt.first(build(FAILED)), RestartMode.ALL);
        provider().restart(Attempt.first(build(FAILED)), RestartMode.ALL); // another connection, as after a restart
        provider.restart(new Attempt(build(FAILED), 2), RestartMode.ALL);

        String first = body(take("RetryBuild")).get("idempotencyToken").asText();
        String replay = body(take("RetryBuild")).get("idempotencyToken").asText();
        String secondAttempt = body(take("RetryBuild")).get("idempotencyToken").asText();
        assertThat(replay).isEqualTo(first);
        assertThat(secondAttempt).isNotEqualTo(first);
        assertThat(CodeBuildProvider.idempotencyToken(build(SUCCEEDED), 1)).isNotEqualTo(first);
    }

    @Test
    void retryOfABuildInProgressIsNotRestartable() {
        answer(400, fixture("invalid-input.json"));

        assertThatThrownBy(() -> provider().restart(Attempt.first(build(RUNNING)), null))
                .isInstanceOf(ProviderException.NotRestartable.class)
                .hasMessageContaining("InvalidInputException").hasMessageContaining("RetryBuild")
                .hasMessageContaining("is not complete")
                .satisfies(this::assertNoSecrets);
    }

    @Test
    void buildsCannotBeRestartedWithModeFailed() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(build(FAILED)), RestartMode.FAILED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supported: all");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void retryOfABatchRetriesItsFailedBuildsByDefaultAndKeepsItsId() throws Exception {
        answer(200, fixture("retry-build-batch-response.json"));

        Attempt next = provider().restart(Attempt.first(batch(BATCH)), null);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(batch(BATCH));
        JsonNode body = body(take("RetryBuildBatch"));
        assertThat(body.get("id").asText()).isEqualTo(BATCH);
        assertThat(body.get("retryType").asText()).isEqualTo("RETRY_FAILED_BUILDS");
        assertThat(body.get("idempotencyToken").asText()).isEqualTo(CodeBuildProvider.idempotencyToken(batch(BATCH), 1));
    }

    @Test
    void retryOfABatchWithModeAllRetriesAllBuilds() throws Exception {
        answer(200, fixture("retry-build-batch-response.json"));

        Attempt next = provider().restart(new Attempt(batch(BATCH), 3), RestartMode.ALL);

        assertThat(next.number()).isEqualTo(4);
        assertThat(body(take("RetryBuildBatch")).get("retryType").asText()).isEqualTo("RETRY_ALL_BUILDS");
    }

    @Test
    void retryOfAMissingBuildIsNotFound() {
        answer(400, fixture("resource-not-found.json"));

        assertThatThrownBy(() -> provider().restart(Attempt.first(build(MISSING)), null))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("ResourceNotFoundException")
                .satisfies(this::assertNoSecrets);
    }

    // --- cancel (API_StopBuild) ---

    @Test
    void cancelSendsStopBuild() throws Exception {
        answer(200, fixture("stop-build-response.json"));

        provider().cancel(build(RUNNING));

        assertThat(body(take("StopBuild"))).isEqualTo(Json.MAPPER.readTree(fixture("stop-build-request.json")));
    }

    @Test
    void cancelOfABatchSendsStopBuildBatch() throws Exception {
        answer(200, "{\"buildBatch\":{\"id\":\"" + BATCH + "\",\"buildBatchStatus\":\"STOPPED\"}}");

        provider().cancel(batch(BATCH));

        assertThat(body(take("StopBuildBatch")).get("id").asText()).isEqualTo(BATCH);
    }

    @Test
    void cancelOfABuildThatAlreadyEndedIsNotAnError() throws Exception {
        answer(400, "{\"__type\":\"InvalidInputException\",\"message\":\"Build cannot be stopped\"}");
        answer(200, fixture("batch-get-builds-succeeded.json"));

        provider().cancel(build(SUCCEEDED));

        take("StopBuild");
        take("BatchGetBuilds");
    }

    @Test
    void refusedCancelOfARunningBuildIsNotRestartable() {
        answer(400, "{\"__type\":\"InvalidInputException\",\"message\":\"Build cannot be stopped\"}");
        answer(200, fixture("batch-get-builds-in-progress.json"));

        assertThatThrownBy(() -> provider().cancel(build(RUNNING))).isInstanceOf(ProviderException.NotRestartable.class)
                .satisfies(this::assertNoSecrets);
    }

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
                .satisfies(this::assertNoSecrets);
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
                .satisfies(this::assertNoSecrets);
    }

    @Test
    void rateExceededWithoutAnyTypeIsRateLimitedAndHonoursRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(400).setHeader("Retry-After", "7")
                .body("{\"message\":\"Rate exceeded\"}").build());

        assertThatThrownBy(() -> provider().status(build(RUNNING)))
                .isInstanceOfSatisfying(ProviderException.RateLimited.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)))
                .satisfies(this::assertNoSecrets);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403})
    void accessDeniedIsAnAuthErrorNamingThePermission(int code) {
        answer(code, fixture("access-denied.json"));

        assertThatThrownBy(() -> provider().restart(Attempt.first(build(FAILED)), null))
                .isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("AccessDeniedException").hasMessageContaining("codebuild:RetryBuild")
                .satisfies(this::assertNoSecrets);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403})
    void unrecognizedClientIsAnAuthError(int code) {
        answer(code, fixture("unrecognized-client.json"));

        assertThatThrownBy(() -> provider().status(build(RUNNING)))
                .isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("UnrecognizedClientException").hasMessageContaining("rejected the credentials")
                .satisfies(this::assertNoSecrets);
    }

    @ParameterizedTest
    @ValueSource(strings = {"InvalidSignatureException", "ExpiredTokenException", "com.amazon.coral.service#ExpiredTokenException"})
    void signatureAndTokenErrorsAreAuthErrors(String type) {
        answer(400, "{\"__type\":\"" + type + "\",\"message\":\"The request signature we calculated does not match\"}");

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.AuthError.class)
                .satisfies(this::assertNoSecrets);
    }

    @Test
    void errorTextEchoingTheSessionTokenOrSignatureIsRedacted() {
        answer(400, "{\"__type\":\"InvalidSignatureException\",\"message\":\"Canonical request: x-amz-security-token:"
                + SESSION + " Credential=" + KEY_ID + "/20261124/us-east-1/codebuild/aws4_request Signature="
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}");

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.AuthError.class)
                .hasMessageNotContaining("0123456789abcdef0123")
                .satisfies(this::assertNoSecrets);
    }

    @Test
    void serverErrorIsTransient() {
        answer(500, "{\"__type\":\"InternalFailure\",\"message\":\"An internal error occurred\"}");

        assertThatThrownBy(() -> provider().status(build(RUNNING)))
                .isInstanceOfSatisfying(ProviderException.Transient.class, e -> assertThat(e.httpStatus()).isEqualTo(500))
                .satisfies(this::assertNoSecrets);
    }

    @Test
    void serviceUnavailableIsTransientAndNotRetriedBlindly() {
        server.enqueue(new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.Transient.class)
                .satisfies(this::assertNoSecrets);
        assertThat(server.getRequestCount()).isEqualTo(1); // a POST: the engine decides when to poll again
    }

    @Test
    void malformedJsonIsABadResponse() {
        answer(200, "{\"builds\":[{\"id\":");

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.BadResponse.class)
                .satisfies(this::assertNoSecrets);
    }

    @Test
    void buildWithoutAStatusIsABadResponse() {
        answer(200, "{\"builds\":[{\"id\":\"" + RUNNING + "\"}],\"buildsNotFound\":[]}");

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.BadResponse.class)
                .satisfies(this::assertNoSecrets);
    }

    @Test
    void droppedConnectionIsTransient() {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());

        assertThatThrownBy(() -> provider().status(build(RUNNING))).isInstanceOf(ProviderException.Transient.class)
                .satisfies(this::assertNoSecrets);
    }

    @Test
    void unknownStatusIsUnknownButKept() throws Exception {
        answer(200, "{\"builds\":[{\"id\":\"" + RUNNING + "\",\"buildStatus\":\"PENDING\"}]}");

        assertThat(provider().status(build(RUNNING))).isEqualTo(BuildStatus.of(State.UNKNOWN, "PENDING"));
    }

    // --- credentials ---

    @Test
    void longTermKeysSignWithoutASecurityToken() throws Exception {
        answer(200, fixture("batch-get-builds-in-progress.json"));

        provider(ProviderCredentials.Aws.keys(KEY_ID, Token.of(SECRET), null, null)).status(build(RUNNING));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/")
                .doesNotContain("x-amz-security-token");
        assertThat(request.getHeaders().get("X-Amz-Security-Token")).isNull();
    }

    @Test
    void sameRequestAtTheSameInstantIsSignedAlike() throws Exception {
        answer(200, fixture("batch-get-builds-in-progress.json"));
        answer(200, fixture("batch-get-builds-in-progress.json"));

        provider().status(build(RUNNING));
        provider().status(build(RUNNING));

        assertThat(take("BatchGetBuilds").getHeaders().get("Authorization"))
                .isEqualTo(take("BatchGetBuilds").getHeaders().get("Authorization"));
    }

    @Test
    void userNameAndPasswordAreTakenAsAccessKeyAndSecret() throws Exception {
        answer(200, fixture("batch-get-builds-in-progress.json"));

        provider(new ProviderCredentials.UsernamePassword(KEY_ID, Token.of(SECRET))).status(build(RUNNING));

        assertThat(server.takeRequest().getHeaders().get("Authorization")).contains("Credential=" + KEY_ID + "/");
    }

    @Test
    void aTokenIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider(ProviderCredentials.token(Token.of("glpat-abcdefgh"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS credentials");
    }

    @Test
    void assumedRoleSignsWithTheSessionFromStsAndRedactsIt() throws Exception {
        String roleSecret = "roleSecretKEY0123456789abcdefghijklmnopq";
        String roleToken = "IQoJb3JpZ2luX2VjEROLEsessionTOKEN0123456789";
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/xml")
                .body(StsFixtures.assumeRole("ASIAROLEEXAMPLE00001", roleSecret, roleToken)).build());
        server.enqueue(new MockResponse.Builder().code(400).body("{\"__type\":\"AccessDeniedException\",\"message\":"
                + "\"token " + roleToken + " secret " + roleSecret + " may not\"}").build());
        ConnectionSettings settings = new ConnectionSettings(server.url("/").uri(),
                ProviderCredentials.Aws.keys(KEY_ID, Token.of(SECRET), null, "arn:aws:iam::123456789012:role/demo"),
                Map.of("stsEndpoint", server.url("/").toString()));
        CodeBuildProvider provider = (CodeBuildProvider) new CodeBuildProviderType().connect(settings, context());

        assertThatThrownBy(() -> provider.status(build(RUNNING)))
                .isInstanceOf(ProviderException.AuthError.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(roleSecret).doesNotContain(roleToken)
                        .doesNotContain("ASIAROLEEXAMPLE00001"))
                .satisfies(this::assertNoSecrets);

        RecordedRequest sts = server.takeRequest();
        assertThat(sts.getBody().utf8()).contains("Action=AssumeRole")
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo").contains("RoleSessionName=external-build");
        assertThat(sts.getHeaders().get("Authorization")).contains("Credential=" + KEY_ID + "/").contains("/sts/aws4_request");
        RecordedRequest call = server.takeRequest();
        assertThat(call.getHeaders().get("Authorization")).contains("Credential=ASIAROLEEXAMPLE00001/20261124/us-east-1/codebuild/");
        assertThat(call.getHeaders().get("X-Amz-Security-Token")).isEqualTo(roleToken);
    }

    @Test
    void missingProfileIsAnAuthErrorBeforeAnyRequest() {
        CodeBuildProvider provider = provider(ProviderCredentials.Aws.defaultChain("externalbuild-no-such-profile", null));

        assertThatThrownBy(() -> provider.status(build(RUNNING)))
                .isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("profile externalbuild-no-such-profile").hasMessageContaining("AWS_PROFILE");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void unreachableStsIsTransient() throws Exception {
        MockWebServer sts = new MockWebServer();
        sts.start();
        String closed = sts.url("/").toString();
        sts.close();
        ConnectionSettings settings = new ConnectionSettings(server.url("/").uri(),
                ProviderCredentials.Aws.keys(KEY_ID, Token.of(SECRET), null, "arn:aws:iam::123456789012:role/demo"),
                Map.of("stsEndpoint", closed));
        CodeBuildProvider provider = (CodeBuildProvider) new CodeBuildProviderType().connect(settings, context());

        assertThatThrownBy(() -> provider.status(build(RUNNING)))
                .isInstanceOf(ProviderException.Transient.class).hasMessageContaining("assume role")
                .satisfies(this::assertNoSecrets);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void credentialsPrintNoKeyMaterial() {
        ProviderCredentials.Aws aws = ProviderCredentials.Aws.keys(KEY_ID, Token.of(SECRET), Token.of(SESSION),
                "arn:aws:iam::123456789012:role/demo");

        assertThat(aws.toString()).doesNotContain(KEY_ID).doesNotContain(SECRET).doesNotContain(SESSION)
                .contains("arn:aws:iam::123456789012:role/demo");
        assertThat(aws.secrets()).extracting(Token::reveal).containsExactlyInAnyOrder(KEY_ID, SECRET, SESSION);
        assertThat(new ConnectionSettings(null, aws, Map.of()).toString()).doesNotContain(KEY_ID).doesNotContain(SECRET);
        assertThat(ProviderCredentials.Aws.defaultChain("ci", null).toString()).isEqualTo("Aws[default chain, profile=ci]");
    }

    @Test
    void halfGivenKeysAreRefused() {
        assertThatThrownBy(() -> new ProviderCredentials.Aws(KEY_ID, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(KEY_ID);
        assertThatThrownBy(() -> new ProviderCredentials.Aws(null, null, Token.of(SESSION), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProviderCredentials.Aws(KEY_ID, Token.of(SECRET), null, null, "ci"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
