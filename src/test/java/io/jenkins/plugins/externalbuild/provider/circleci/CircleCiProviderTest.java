package io.jenkins.plugins.externalbuild.provider.circleci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.LogCapture;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CircleCI API v2 replayed from fixtures shaped as the OpenAPI document's schemas (next to this class; their README
 * names the sources). Each test asserts the request line, the {@code Circle-Token} header, the JSON body and the result.
 */
class CircleCiProviderTest {

    private static final String TOKEN = "CCIPAT_4aZ9xY8wV7uT6sR5qP4oN3mL2kJ1_0123456789abcdef0123456789abcdef01234567";
    private static final String WF = "fda08377-fe7e-46b1-8992-3a7aaecac9c3";
    private static final String NEW_WF = "0e53027b-521a-4c40-9042-47e72b3c63a3";
    private static final String SLUG = "gh/CircleCI-Public/api-preview-docs";
    private static final String WEB = "https://app.circleci.com/pipelines/github/CircleCI-Public/api-preview-docs/130/workflows/";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<Duration> pauses = new ArrayList<>();
    private final CircleCiProviderType type = new CircleCiProviderType();

    private CircleCiProvider provider(ProviderCredentials credentials) {
        ProviderContext context = ProviderTestSupport.context(pauses::add, Clock.systemUTC());
        URI api = server.url("/api/v2").uri();
        return (CircleCiProvider) type.connect(new ConnectionSettings(api, credentials, null), context);
    }

    private CircleCiProvider provider() {
        return provider(ProviderCredentials.token(Token.of(TOKEN)));
    }

    private BuildRef workflow() {
        return type.parseUrl(URI.create(WEB + WF)).orElseThrow();
    }

    private BuildRef job(long number) {
        return type.parseUrl(URI.create(WEB + WF + "/jobs/" + number)).orElseThrow();
    }

    private String fixture(String name) {
        return ProviderTestSupport.fixture(getClass(), name);
    }

    private void answer(int code, String fixture) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8")
                .body(fixture(fixture)).build());
    }

    private RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a %s %s request", method, target).isNotNull();
        assertThat(request.getRequestLine()).isEqualTo(method + " " + target + " HTTP/1.1");
        assertThat(request.getHeaders().get("Circle-Token")).isEqualTo(TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        return request;
    }

    private static JsonNode body(RecordedRequest request) throws IOException {
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        return Json.MAPPER.readTree(request.getBody().utf8());
    }

    private void assertNoSecret(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(TOKEN);
        assertThat(e.toString()).doesNotContain(TOKEN);
        assertThat(logs.text()).doesNotContain(TOKEN);
    }

    @Test
    void failedWorkflowIsFailedWithItsTiming() throws Exception {
        answer(200, "workflow-failed.json");

        BuildStatus status = provider().status(workflow());

        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.raw()).isEqualTo("failed");
        assertThat(status.startedAt()).isEqualTo(Instant.parse("2024-05-02T10:00:00Z").toEpochMilli());
        assertThat(status.durationMillis()).isEqualTo(Duration.ofSeconds(270).toMillis());
        expect("GET", "/api/v2/workflow/" + WF);
        assertThat(logs.text()).doesNotContain(TOKEN);
    }

    @Test
    void runningWorkflowIsRunningWithAStartAndNoDurationYet() throws Exception {
        answer(200, "workflow-running.json");

        BuildStatus status = provider().status(workflow());

        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.startedAt()).isNotNull();
        assertThat(status.durationMillis()).isNull();
    }

    @Test
    void workflowOnHoldWaitsForAnApprovalAndIsNotTerminal() throws Exception {
        answer(200, "workflow-on-hold.json");

        BuildStatus status = provider().status(workflow());

        assertThat(status.state()).isEqualTo(State.MANUAL);
        assertThat(status.terminal()).isFalse();
    }

    @Test
    void rerunFromFailedIsTheDefaultAndReturnsTheNewWorkflowAsTheNextAttempt() throws Exception {
        answer(200, "workflow-failed.json");
        answer(202, "rerun.json");

        Attempt next = provider().restart(Attempt.first(workflow()), null);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(new BuildRef("circleci", "workflow", "https://app.circleci.com", SLUG, NEW_WF,
                WEB + NEW_WF));
        expect("GET", "/api/v2/workflow/" + WF);
        JsonNode body = body(expect("POST", "/api/v2/workflow/" + WF + "/rerun"));
        assertThat(body.toString()).isEqualTo("{\"from_failed\":true}");
    }

    @Test
    void rerunOfEverythingSendsFromFailedFalse() throws Exception {
        answer(200, "workflow-success.json");
        answer(202, "rerun.json");

        Attempt next = provider().restart(Attempt.first(workflow()), RestartMode.ALL);

        assertThat(next.ref().id()).isEqualTo(NEW_WF);
        expect("GET", "/api/v2/workflow/" + WF);
        assertThat(body(expect("POST", "/api/v2/workflow/" + WF + "/rerun")).toString()).isEqualTo("{\"from_failed\":false}");
    }

    @Test
    void rerunOfTheJobOfAJobUrlSendsThatJobsId() throws Exception {
        answer(200, "workflow-failed.json");
        answer(200, "workflow-jobs.json");
        answer(202, "rerun.json");

        Attempt next = provider().restart(Attempt.first(job(5798)), RestartMode.JOB);

        assertThat(next.ref().url()).isEqualTo(WEB + NEW_WF);
        expect("GET", "/api/v2/workflow/" + WF);
        expect("GET", "/api/v2/workflow/" + WF + "/job");
        assertThat(body(expect("POST", "/api/v2/workflow/" + WF + "/rerun")).toString())
                .isEqualTo("{\"jobs\":[\"5e957edd-5e8c-4985-9178-5d0d69561822\"]}");
    }

    @Test
    void jobModeNeedsAJobUrlAndIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(workflow()), RestartMode.JOB))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode 'job'");
        assertThat(provider().capabilities(job(5798)).restartModes()).contains(RestartMode.JOB);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aJobNumberTheWorkflowLacksIsNotFoundAndNothingIsRerun() throws Exception {
        answer(200, "workflow-failed.json");
        answer(200, "workflow-jobs.json");

        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> provider().restart(Attempt.first(job(1)), RestartMode.JOB));

        assertThat(e.getMessage()).contains("has no job 1");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void runningWorkflowIsNotRestartableAndNoRerunIsSent() throws Exception {
        answer(200, "workflow-running.json");

        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(workflow()), RestartMode.FAILED));

        assertThat(e.getMessage()).contains("is running").contains("only once it has ended");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rerunFromFailedOfASuccessfulWorkflowIsRefusedWithTheModeToUse() throws Exception {
        answer(200, "workflow-success.json");

        assertThatThrownBy(() -> provider().restart(Attempt.first(workflow()), RestartMode.FAILED))
                .isInstanceOf(ProviderException.NotRestartable.class).hasMessageContaining("use mode 'all'");
    }

    @Test
    void rerunRefusedWith400IsNotRestartableAndQuotesCircleCi() throws Exception {
        answer(200, "workflow-failed.json");
        answer(400, "error-400-not-terminal.json");

        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(workflow()), RestartMode.FAILED));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Workflow must be in a terminal state to be rerun");
        assertNoSecret(e);
    }

    @Test
    void rerunAnswerWithoutAWorkflowIdIsABadResponse() throws Exception {
        answer(200, "workflow-failed.json");
        server.enqueue(new MockResponse.Builder().code(202).body("{\"message\":\"Accepted.\"}").build());

        assertThatThrownBy(() -> provider().restart(Attempt.first(workflow()), RestartMode.FAILED))
                .isInstanceOf(ProviderException.BadResponse.class).hasMessageContaining("without the id of the new workflow");
    }

    @Test
    void cancelPostsToTheCancelEndpoint() throws Exception {
        answer(202, "cancel.json");

        provider().cancel(workflow());

        RecordedRequest r = expect("POST", "/api/v2/workflow/" + WF + "/cancel");
        assertThat(body(r).isObject()).isTrue();
    }

    @Test
    void failedJobsAreTheJobsThatFailedOrFailedOnInfrastructure() throws Exception {
        answer(200, "workflow-jobs.json");

        assertThat(provider().failedJobs(workflow())).containsExactly("test", "lint");
        expect("GET", "/api/v2/workflow/" + WF + "/job");
    }

    @Test
    void jobsArePagedWithThePageToken() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"items\":[{\"id\":\"c65b68ef-e73b-4bf2-be9a-7a322a9df150\","
                + "\"job_number\":1,\"name\":\"a\",\"status\":\"failed\",\"type\":\"build\"}],\"next_page_token\":\"tok 2\"}").build());
        answer(200, "workflow-jobs.json");

        assertThat(provider().failedJobs(workflow())).containsExactly("a", "test", "lint");
        expect("GET", "/api/v2/workflow/" + WF + "/job");
        expect("GET", "/api/v2/workflow/" + WF + "/job?page-token=tok%202");
    }

    @Test
    void latestIsTheNewestWorkflowOfTheNewestPipelineOfTheBranch() throws Exception {
        answer(200, "pipelines-branch.json");
        answer(200, "pipeline-workflows.json");

        BuildRef ref = provider().latest(null, SLUG, "main");

        assertThat(ref).isEqualTo(new BuildRef("circleci", "workflow", "https://app.circleci.com", SLUG, NEW_WF, WEB + NEW_WF));
        expect("GET", "/api/v2/project/" + SLUG + "/pipeline?branch=main");
        expect("GET", "/api/v2/pipeline/5034460f-c7c4-4c43-9457-de07e2029e7b/workflow");
    }

    @Test
    void latestOfABranchWithoutPipelinesIsNotFound() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"items\":[],\"next_page_token\":null}").build());

        assertThatThrownBy(() -> provider().latest(null, SLUG, "nope"))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("no pipeline for branch 'nope'");
    }

    @Test
    void unauthorizedNamesThePersonalApiTokenAndNeverTheToken() {
        answer(401, "error-401.json");

        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().status(workflow()));

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("personal API token").contains("You must log in first.");
        assertNoSecret(e);
    }

    @Test
    void forbiddenIsAnAuthError() {
        answer(403, "error-403.json");

        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().cancel(workflow()));

        assertThat(e.httpStatus()).isEqualTo(403);
        assertNoSecret(e);
    }

    @Test
    void unknownWorkflowIsNotFound() {
        answer(404, "error-404.json");

        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> provider().status(workflow()));

        assertThat(e.getMessage()).contains("Workflow not found");
        assertNoSecret(e);
    }

    @Test
    void rateLimitedCarriesRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "17")
                .setHeader("Content-Type", "application/json").body(fixture("error-429.json")).build());

        ProviderException.RateLimited e = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> provider().status(workflow()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
        assertNoSecret(e);
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
        assertNoSecret(e);
    }

    @Test
    void malformedJsonIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"status\": \"failed\"").build());

        ProviderException.BadResponse e = catchThrowableOfType(ProviderException.BadResponse.class,
                () -> provider().status(workflow()));

        assertThat(e.getMessage()).contains("not the expected JSON");
        assertNoSecret(e);
    }

    @Test
    void withoutCredentialsNoCircleTokenHeaderIsSent() throws Exception {
        answer(200, "workflow-success.json");

        provider(ProviderCredentials.none()).status(workflow());

        assertThat(server.takeRequest().getHeaders().get("Circle-Token")).isNull();
    }

    @Test
    void aUserNameAndPasswordAreRefused() {
        assertThatThrownBy(() -> provider(new ProviderCredentials.UsernamePassword("me", Token.of(TOKEN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("personal API token")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void pollSourceReadsOneWorkflowPerRequestOnTheAccountsBudget() throws Exception {
        answer(200, "workflow-failed.json");
        CircleCiProvider p = provider();

        var source = p.pollSource();
        var result = source.reader().read(List.of(workflow()));

        assertThat(source.maxBatch()).isEqualTo(1);
        assertThat(source.key()).startsWith("circleci|").doesNotContain(TOKEN);
        assertThat(((BuildStatus) result.get(workflow())).state()).isEqualTo(State.FAILED);
    }
}
