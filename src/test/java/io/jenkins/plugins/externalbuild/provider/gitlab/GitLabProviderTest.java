package io.jenkins.plugins.externalbuild.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.jenkins.plugins.externalbuild.provider.gitlab.GitLabProvider.CommitJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitLab's documented answers replayed from the fixtures next to this class (their README lists the sources):
 * doc/api/jobs.md, doc/api/pipelines.md, doc/api/commits.md, v3 doc/api/builds.md, lib/api/helpers.rb for errors,
 * user_and_ip_rate_limits.md for 429.
 */
class GitLabProviderTest {

    private static final String TOKEN = "glpat-T3stT0kenValue-xyz1";
    private static final String SERVER = "https://gitlab.example.com";
    private static final String PROJECT = "group/sub/app";
    private static final String SHA = "0ff3ae198f8601a285adcf5c0fff204ee6fba5fd";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T10:00:00Z"), ZoneOffset.UTC);

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<Duration> pauses = new ArrayList<>();
    private final GitLabProviderType type = new GitLabProviderType();

    private ProviderContext context() {
        return ProviderTestSupport.context(pauses::add, CLOCK);
    }

    private GitLabProvider provider() {
        return provider(server.url("/api/v4/").uri(), Map.of());
    }

    private GitLabProvider v3() {
        return provider(server.url("/api/v3/").uri(), Map.of("apiVersion", "3"));
    }

    private GitLabProvider provider(URI apiBase, Map<String, String> options) {
        ConnectionSettings settings = new ConnectionSettings(apiBase, ProviderCredentials.token(Token.of(TOKEN)), options);
        return (GitLabProvider) type.connect(settings, context());
    }

    private BuildRef job(String id) {
        return type.fromCoordinates(SERVER, PROJECT, "job", id);
    }

    private BuildRef pipeline(String id) {
        return type.fromCoordinates(SERVER, PROJECT, "pipeline", id);
    }

    private String fixture(String name) {
        return ProviderTestSupport.fixture(getClass(), name);
    }

    private MockResponse answer(int code, String fixture) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(fixture(fixture)).build();
    }

    /** Asserts the request line and the authentication of the next request, and returns it. */
    private RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a %s %s request", method, target).isNotNull();
        assertThat(request.getRequestLine()).isEqualTo(method + " " + target + " HTTP/1.1");
        assertThat(request.getHeaders().get("PRIVATE-TOKEN")).isEqualTo(TOKEN);
        return request;
    }

    private void assertTokenAbsent(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(e.getMessage()).doesNotContain(TOKEN);
        assertThat(e.toString()).doesNotContain(TOKEN);
        assertThat(trace.toString()).doesNotContain(TOKEN);
        assertThat(logs.text()).doesNotContain(TOKEN);
    }

    private <T extends ProviderException> T statusFails(Class<T> type, BuildRef ref) {
        T e = catchThrowableOfType(type, () -> provider().status(ref));
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.provider()).isEqualTo("gitlab");
        assertTokenAbsent(e);
        return e;
    }

    // ---- jobs: doc/api/jobs.md

    @Test
    void runningJobIsRunning() throws Exception {
        // doc/api/jobs.md, "Get a single job"
        server.enqueue(answer(200, "job-running.json"));
        assertThat(provider().status(job("123"))).isEqualTo(BuildStatus.of(State.RUNNING, "running"));
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123");
    }

    @Test
    void failedJobIsFailedAndTerminal() throws Exception {
        // doc/api/jobs.md, "Get a single job"
        server.enqueue(answer(200, "job-failed.json"));
        BuildStatus status = provider().status(job("123"));
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.raw()).isEqualTo("failed");
        assertThat(status.terminal()).isTrue();
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123");
    }

    @Test
    void successfulJobSucceeded() throws Exception {
        // doc/api/jobs.md, "Get a single job"
        server.enqueue(answer(200, "job-success.json"));
        BuildStatus status = provider().status(job("123"));
        assertThat(status.succeeded()).isTrue();
        assertThat(status.raw()).isEqualTo("success");
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123");
    }

    @Test
    void retryOfFailedJobReturnsNewJobAsNextAttempt() throws Exception {
        // doc/api/jobs.md, "Retry a job" (lib/api/ci/jobs.rb presents the new job)
        server.enqueue(answer(201, "job-retried.json"));
        Attempt next = provider().restart(Attempt.first(job("123")), RestartMode.JOB);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("124");
        assertThat(next.ref().url()).isEqualTo("https://gitlab.example.com/group/sub/app/-/jobs/124");
        assertThat(next.ref().kind()).isEqualTo("job");
        assertThat(next.ref().project()).isEqualTo(PROJECT);
        RecordedRequest request = expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123/retry");
        assertThat(request.getBodySize()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void jobRestartWithoutAModeRetriesTheJob() throws Exception {
        // doc/api/jobs.md, "Retry a job"
        server.enqueue(answer(201, "job-retried.json"));
        assertThat(provider().restart(Attempt.first(job("123")), null).ref().id()).isEqualTo("124");
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123/retry");
    }

    @Test
    void jobCannotBeRestartedWithModeAllAndNothingIsSent() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(job("123")), RestartMode.ALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab cannot restart a job with mode 'all'; supported: job");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void retryOfANonRetryableJobIsNotRestartable() throws Exception {
        // lib/api/ci/jobs.rb: forbidden!('Job is not retryable') -> job-not-retryable-403.json
        server.enqueue(answer(403, "job-not-retryable-403.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(job("123")), RestartMode.JOB));
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("Job is not retryable", "retry of job 123 of group/sub/app");
        assertTokenAbsent(e);
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123/retry");
    }

    @Test
    void retryRefusedByOldServersWithTwoSpacesIsNotRestartableToo() {
        // lib/api/helpers.rb before 14.x: "403 Forbidden" + " - reason" joined with a space
        server.enqueue(new MockResponse.Builder().code(403).body("{\"message\":\"403 Forbidden  - Job is not retryable\"}").build());
        assertThatThrownBy(() -> provider().restart(Attempt.first(job("123")), RestartMode.JOB))
                .isInstanceOf(ProviderException.NotRestartable.class);
    }

    @Test
    void cancelOfAJobPostsCancel() throws Exception {
        // doc/api/jobs.md, "Cancel a job" (201)
        server.enqueue(answer(201, "job-canceled.json"));
        provider().cancel(job("123"));
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123/cancel");
    }

    @Test
    void failedJobsOfAFailedJobIsItsName() throws Exception {
        // doc/api/jobs.md, "Get a single job"
        server.enqueue(answer(200, "job-failed.json"));
        assertThat(provider().failedJobs(job("123"))).containsExactly("rspec");
        server.enqueue(answer(200, "job-success.json"));
        assertThat(provider().failedJobs(job("123"))).isEmpty();
    }

    // ---- pipelines: doc/api/pipelines.md

    @Test
    void pipelineStatusIsRead() throws Exception {
        // doc/api/pipelines.md, "Get a single pipeline"
        server.enqueue(answer(200, "pipeline-running.json"));
        assertThat(provider().status(pipeline("456"))).isEqualTo(BuildStatus.of(State.RUNNING, "running"));
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        server.enqueue(answer(200, "pipeline-failed.json"));
        assertThat(provider().status(pipeline("456"))).isEqualTo(BuildStatus.of(State.FAILED, "failed"));
        server.enqueue(answer(200, "pipeline-success.json"));
        assertThat(provider().status(pipeline("456"))).isEqualTo(BuildStatus.of(State.SUCCESS, "success"));
        server.enqueue(answer(200, "pipeline-canceled.json"));
        assertThat(provider().status(pipeline("456"))).isEqualTo(BuildStatus.of(State.CANCELED, "canceled"));
    }

    @Test
    void retryOfFailedPipelineKeepsItsIdAsNextAttempt() throws Exception {
        // doc/api/pipelines.md, "Retry jobs in a pipeline": same pipeline, failed and canceled jobs again
        server.enqueue(answer(200, "pipeline-failed.json"));
        server.enqueue(answer(201, "pipeline-retried.json"));
        BuildRef ref = pipeline("456");
        Attempt next = provider().restart(Attempt.first(ref), RestartMode.FAILED);
        assertThat(next).isEqualTo(new Attempt(ref, 2));
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456/retry");
    }

    @Test
    void retryOfCanceledPipelineIsAllowedAndIsTheDefaultMode() throws Exception {
        // doc/api/pipelines.md, "Retry jobs in a pipeline"
        server.enqueue(answer(200, "pipeline-canceled.json"));
        server.enqueue(answer(201, "pipeline-retried.json"));
        assertThat(provider().restart(Attempt.first(pipeline("456")), null).ref().id()).isEqualTo("456");
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456/retry");
    }

    @Test
    void retryOfRunningPipelineIsRefusedWithoutPosting() throws Exception {
        // doc/api/pipelines.md: retry only re-runs failed or canceled jobs; on a running pipeline it does nothing
        server.enqueue(answer(200, "pipeline-running.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(pipeline("456")), RestartMode.FAILED));
        assertThat(e.getMessage()).contains("pipeline 456 of group/sub/app is running", "only a failed or canceled pipeline");
        assertTokenAbsent(e);
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryOfSucceededPipelineIsRefusedAndSuggestsModeAll() throws Exception {
        // doc/api/pipelines.md, "Retry jobs in a pipeline"
        server.enqueue(answer(200, "pipeline-success.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(pipeline("456")), RestartMode.FAILED));
        assertThat(e.getMessage()).contains("is success", "use mode 'all'");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void restartAllCreatesANewPipelineForTheSameRef() throws Exception {
        // doc/api/pipelines.md, "Create a new pipeline" (POST /projects/:id/pipeline?ref=…)
        server.enqueue(answer(200, "pipeline-success.json"));
        server.enqueue(answer(201, "pipeline-created.json"));
        Attempt next = provider().restart(Attempt.first(pipeline("456")), RestartMode.ALL);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("457");
        assertThat(next.ref().kind()).isEqualTo("pipeline");
        assertThat(next.ref().url()).isEqualTo("https://gitlab.example.com/group/sub/app/-/pipelines/457");
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        RecordedRequest create = expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/pipeline?ref=main");
        assertThat(create.getUrl().queryParameter("ref")).isEqualTo("main");
    }

    @Test
    void restartAllIsRefusedForAMergeRequestPipeline() throws Exception {
        // doc/api/pipelines.md, "Create a new pipeline": ref is a branch or tag; refs/merge-requests/… is neither
        String body = fixture("pipeline-failed.json").replace("\"ref\": \"main\"", "\"ref\": \"refs/merge-requests/7/head\"");
        assertThat(body).contains("refs/merge-requests/7/head");
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(pipeline("456")), RestartMode.ALL));
        assertThat(e.getMessage()).contains("refs/merge-requests/7/head", "use mode 'failed'");
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void modeJobOnAPipelineIsRefusedBeforeAnyRequestListingSupportedModes() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(pipeline("456")), RestartMode.JOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab cannot restart a pipeline with mode 'job'; supported: all, failed");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void cancelOfAPipelinePostsCancel() throws Exception {
        // doc/api/pipelines.md, "Cancel a pipeline's jobs" (200)
        server.enqueue(answer(200, "pipeline-canceled.json"));
        provider().cancel(pipeline("456"));
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456/cancel");
    }

    @Test
    void failedJobsOfAPipelineLeaveOutAllowedFailures() throws Exception {
        // doc/api/jobs.md, "List pipeline jobs" with scope[]=failed: the server answers only failed jobs
        ArrayNode all = (ArrayNode) Json.MAPPER.readTree(fixture("pipeline-jobs.json"));
        ArrayNode failed = Json.MAPPER.createArrayNode();
        for (JsonNode j : all) {
            if ("failed".equals(j.get("status").asText())) {
                failed.add(j);
            }
        }
        server.enqueue(new MockResponse.Builder().code(200).body(failed.toString()).build());
        assertThat(provider().failedJobs(pipeline("456"))).containsExactly("integration", "rspec");
        RecordedRequest request = expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456/jobs?scope%5B%5D=failed&per_page=100");
        assertThat(request.getUrl().queryParameterValues("scope[]")).containsExactly("failed");
    }

    @Test
    void latestPipelineOfABranchIsTheNewestById() throws Exception {
        // doc/api/pipelines.md, "List project pipelines" (ref, order_by=id, sort=desc, per_page=1)
        server.enqueue(new MockResponse.Builder().code(200).body("[" + fixture("pipelines-latest.json") + "]").build());
        BuildRef ref = provider().latestPipeline(SERVER, PROJECT, "main");
        assertThat(ref).isEqualTo(pipeline("456"));
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines?ref=main&order_by=id&sort=desc&per_page=1");
    }

    @Test
    void latestPipelineOfABranchWithoutPipelinesIsNotFound() {
        // doc/api/pipelines.md, "List project pipelines": an empty list
        server.enqueue(new MockResponse.Builder().code(200).body("[]").build());
        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> provider().latestPipeline(SERVER, PROJECT, "feature/x"));
        assertThat(e.getMessage()).contains("no pipeline for 'feature/x'");
        assertThatThrownBy(() -> provider().latestPipeline(SERVER, PROJECT, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- commits and project jobs

    @Test
    void commitJobsAreTheCommitStatusesInV4() throws Exception {
        // doc/api/commits.md, "List the statuses of a commit" (v4 has no jobs-of-a-commit endpoint)
        server.enqueue(answer(200, "commit-jobs.json"));
        List<CommitJob> jobs = provider().commitJobs(SERVER, PROJECT, SHA);
        assertThat(jobs).containsExactly(
                new CommitJob("123", "rspec", BuildStatus.of(State.FAILED, "failed")),
                new CommitJob("121", "build", BuildStatus.of(State.SUCCESS, "success")));
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/repository/commits/" + SHA + "/statuses?per_page=100");
    }

    @Test
    void commitJobsAreTheCommitBuildsInV3() throws Exception {
        // v3 doc/api/builds.md, "List commit builds"
        server.enqueue(answer(200, "v3-builds.json"));
        List<CommitJob> jobs = v3().commitJobs(SERVER, PROJECT, SHA);
        assertThat(jobs).extracting(CommitJob::id, CommitJob::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("123", "rspec"), org.assertj.core.groups.Tuple.tuple("122", "lint"));
        assertThat(jobs).allSatisfy(j -> assertThat(j.status().state()).isEqualTo(State.FAILED));
        expect("GET", "/api/v3/projects/group%2Fsub%2Fapp/repository/commits/" + SHA + "/builds?per_page=100");
    }

    @Test
    void commitJobsRefuseSomethingThatIsNotASha() {
        assertThatThrownBy(() -> provider().commitJobs(SERVER, PROJECT, "main"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'main' is not a commit SHA");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void projectJobsAskForTheScopes() throws Exception {
        // doc/api/jobs.md, "List project jobs" with scope[]
        server.enqueue(new MockResponse.Builder().code(200).body("[" + fixture("job-failed.json") + "]").build());
        List<CommitJob> jobs = provider().projectJobs(SERVER, PROJECT, List.of("failed", "canceled"));
        assertThat(jobs).containsExactly(new CommitJob("123", "rspec", BuildStatus.of(State.FAILED, "failed")));
        RecordedRequest request = expect("GET",
                "/api/v4/projects/group%2Fsub%2Fapp/jobs?scope%5B%5D=failed&scope%5B%5D=canceled&per_page=100");
        assertThat(request.getUrl().queryParameterValues("scope[]")).containsExactly("failed", "canceled");
    }

    @Test
    void projectJobsAreBuildsInV3() throws Exception {
        // v3 doc/api/builds.md, "List project builds" with scope
        server.enqueue(answer(200, "v3-builds.json"));
        assertThat(v3().projectJobs(SERVER, PROJECT, List.of("failed"))).extracting(CommitJob::name).containsExactly("rspec", "lint");
        expect("GET", "/api/v3/projects/group%2Fsub%2Fapp/builds?scope%5B%5D=failed&per_page=100");
    }

    // ---- API v3: doc/api/builds.md

    @Test
    void v3JobStatusUsesTheBuildsEndpoint() throws Exception {
        // v3 doc/api/builds.md, "Get a single build"
        server.enqueue(answer(200, "v3-build.json"));
        assertThat(v3().status(job("123"))).isEqualTo(BuildStatus.of(State.FAILED, "failed"));
        expect("GET", "/api/v3/projects/group%2Fsub%2Fapp/builds/123");
    }

    @Test
    void v3ApiBaseIsDerivedFromTheServerWhenNotConfigured() throws Exception {
        // v3 doc/api/builds.md, "Get a single build": SERVER/api/v3/…
        String serverBase = server.url("/").toString().replaceAll("/$", "");
        GitLabProvider p = provider(null, Map.of("apiVersion", "v3"));
        server.enqueue(answer(200, "v3-build.json"));
        p.status(type.fromCoordinates(serverBase, PROJECT, "job", "123"));
        expect("GET", "/api/v3/projects/group%2Fsub%2Fapp/builds/123");
    }

    @Test
    void v3RetryReturnsTheNewBuildWithALinkThatOldServersServe() throws Exception {
        // v3 doc/api/builds.md, "Retry a build"; v3 builds carry no web_url, and GitLab before 11 has no /-/jobs/ pages
        server.enqueue(answer(201, "v3-build-retried.json"));
        Attempt next = v3().restart(Attempt.first(job("123")), RestartMode.JOB);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("124");
        assertThat(next.ref().url()).isEqualTo("https://gitlab.example.com/group/sub/app/builds/124");
        expect("POST", "/api/v3/projects/group%2Fsub%2Fapp/builds/123/retry");
    }

    @Test
    void v3CancelUsesTheBuildsEndpoint() throws Exception {
        // v3 doc/api/builds.md, "Cancel a build"
        server.enqueue(answer(201, "v3-build.json"));
        v3().cancel(job("123"));
        expect("POST", "/api/v3/projects/group%2Fsub%2Fapp/builds/123/cancel");
    }

    @Test
    void v3HasNoJobsOfAPipelineSoFailedJobsIsEmptyWithoutARequest() throws Exception {
        assertThat(v3().failedJobs(pipeline("456"))).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void unknownApiVersionIsRefused() {
        assertThatThrownBy(() -> provider(null, Map.of("apiVersion", "5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("GitLab apiVersion must be 4 or 3, got '5'");
    }

    @Test
    void userNameAndPasswordAreRefused() {
        ConnectionSettings settings = new ConnectionSettings(null,
                new ProviderCredentials.UsernamePassword("bob", Token.of(TOKEN)), Map.of());
        assertThatThrownBy(() -> type.connect(settings, context()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope api")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void withoutCredentialsNoTokenHeaderIsSent() throws Exception {
        GitLabProvider p = (GitLabProvider) type.connect(new ConnectionSettings(server.url("/api/v4/").uri(),
                ProviderCredentials.none(), Map.of()), context());
        server.enqueue(answer(200, "job-running.json"));
        p.status(job("123"));
        assertThat(server.takeRequest().getHeaders().get("PRIVATE-TOKEN")).isNull();
    }

    @Test
    void refOfAnotherProviderIsRefused() {
        BuildRef other = new BuildRef("codeship", "build", "https://app.codeship.com", "org/p", "1", "https://x/1");
        assertThatThrownBy(() -> provider().status(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a GitLab build");
        assertThat(server.getRequestCount()).isZero();
    }

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
