package io.jenkins.plugins.externalbuild.provider.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.LogCapture;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitHub's documented answers replayed from the fixtures next to this class (their README lists the sources):
 * the REST API description's "Workflow runs" and "Workflow jobs" operations, "Rate limits for the REST API",
 * "Re-running workflows and jobs", and error bodies as cli/cli's issues recorded them.
 */
class GitHubActionsProviderTest {

    private static final String TOKEN = "github_pat_11ABCDEFG0T3stT0kenValue_xyz123456789";
    private static final String SERVER = "https://github.com";
    private static final String PROJECT = "octo-org/octo-repo";
    private static final String RUNS = "/repos/octo-org/octo-repo/actions/runs/30433642";
    /** A day after the fixtures' run was created. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T10:00:00Z"), ZoneOffset.UTC);

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<Duration> pauses = new ArrayList<>();
    private final GitHubActionsProviderType type = new GitHubActionsProviderType();

    private ProviderContext context() {
        return ProviderTestSupport.context(pauses::add, CLOCK);
    }

    private Provider provider() {
        return provider(server.url("/").uri(), ProviderCredentials.token(Token.of(TOKEN)));
    }

    private Provider provider(URI apiBase, ProviderCredentials credentials) {
        return type.connect(new ConnectionSettings(apiBase, credentials, null), context());
    }

    private BuildRef run() {
        return type.fromCoordinates(SERVER, PROJECT, "run", "30433642");
    }

    private BuildRef job() {
        return type.fromCoordinates(SERVER, PROJECT, "job", "30433642/399444496");
    }

    private String fixture(String name) {
        return ProviderTestSupport.fixture(getClass(), name);
    }

    private MockResponse answer(int code, String fixture) {
        return json(code, fixture(fixture));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }

    /** POST answers of the re-run and cancel operations: an empty JSON object. */
    private static MockResponse empty(int code) {
        return json(code, "{}");
    }

    /** Asserts the request line and the documented headers of the next request, and returns it. */
    private RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a %s %s request", method, target).isNotNull();
        assertThat(request.getRequestLine()).isEqualTo(method + " " + target + " HTTP/1.1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
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

    private <T extends ProviderException> T statusFails(Class<T> kind) {
        T e = catchThrowableOfType(kind, () -> provider().status(run()));
        assertThat(e).as("expected %s", kind.getSimpleName()).isNotNull();
        assertThat(e.provider()).isEqualTo("github");
        assertTokenAbsent(e);
        return e;
    }

    private <T extends ProviderException> T restartFails(Class<T> kind, RestartMode mode) {
        T e = catchThrowableOfType(kind, () -> provider().restart(Attempt.first(run()), mode));
        assertThat(e).as("expected %s", kind.getSimpleName()).isNotNull();
        assertTokenAbsent(e);
        return e;
    }

    private String runWith(String fixture, String field, String from, String to) {
        String body = fixture(fixture).replace("\"" + field + "\": " + from, "\"" + field + "\": " + to);
        assertThat(body).contains("\"" + field + "\": " + to);
        return body;
    }

    // ---- status: "Get a workflow run", "Get a workflow run attempt", "Get a job for a workflow run"

    @Test
    void runningRunIsRunningAndTheRequestCarriesTheDocumentedHeaders() throws Exception {
        server.enqueue(answer(200, "run-in-progress.json"));
        assertThat(provider().status(run())).isEqualTo(BuildStatus.of(State.RUNNING, "in_progress"));
        expect("GET", RUNS);
    }

    @Test
    void failedRunKeepsStatusAndConclusionAsItsRawStatus() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        BuildStatus status = provider().status(run());
        assertThat(status).isEqualTo(BuildStatus.of(State.FAILED, "completed/failure"));
        assertThat(status.terminal()).isTrue();
        server.enqueue(answer(200, "run-success.json"));
        assertThat(provider().status(run()).succeeded()).isTrue();
    }

    @Test
    void runPinnedToAnAttemptIsReadThroughTheAttemptEndpoint() throws Exception {
        server.enqueue(answer(200, "run-attempt-2-failed.json"));
        BuildRef attempt2 = type.fromCoordinates(SERVER, PROJECT, "run", "30433642/attempts/2");
        assertThat(provider().status(attempt2)).isEqualTo(BuildStatus.of(State.FAILED, "completed/failure"));
        expect("GET", RUNS + "/attempts/2");
    }

    @Test
    void jobStatusIsReadFromTheJobEndpoint() throws Exception {
        server.enqueue(answer(200, "job-in-progress.json"));
        assertThat(provider().status(job())).isEqualTo(BuildStatus.of(State.RUNNING, "in_progress"));
        expect("GET", "/repos/octo-org/octo-repo/actions/jobs/399444496");
    }

    @Test
    void withoutCredentialsNoAuthorizationIsSent() throws Exception {
        server.enqueue(answer(200, "run-in-progress.json"));
        provider(server.url("/").uri(), ProviderCredentials.none()).status(run());
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    }

    @Test
    void enterpriseServerIsReachedUnderApiV3OfItsHost() throws Exception {
        // GitHub Enterprise Server: REST API at http(s)://HOSTNAME/api/v3
        String ghes = server.url("/").toString().replaceAll("/$", "");
        BuildRef ref = type.parseUrl(URI.create(ghes + "/octo-org/octo-repo/actions/runs/30433642")).orElseThrow();
        server.enqueue(answer(200, "run-in-progress.json"));
        provider(null, ProviderCredentials.token(Token.of(TOKEN))).status(ref);
        expect("GET", "/api/v3" + RUNS);
    }

    @Test
    void failedJobsOfARunAreTheFailedAndTimedOutOnes() throws Exception {
        // "List jobs for a workflow run" (filter defaults to latest: the jobs of the newest attempt)
        server.enqueue(answer(200, "jobs-failed.json"));
        assertThat(provider().failedJobs(run())).containsExactly("test (ubuntu)", "test (windows)");
        expect("GET", RUNS + "/jobs?per_page=100");
    }

    @Test
    void failedJobsOfAPinnedAttemptAreListedForThatAttempt() throws Exception {
        // "List jobs for a workflow run attempt"
        server.enqueue(answer(200, "jobs-attempt-2.json"));
        assertThat(provider().failedJobs(type.fromCoordinates(SERVER, PROJECT, "run", "30433642/attempts/2"))).isEmpty();
        expect("GET", RUNS + "/attempts/2/jobs?per_page=100");
    }

    @Test
    void failedJobsOfAFailedJobIsItsName() throws Exception {
        server.enqueue(answer(200, "job-failed.json"));
        assertThat(provider().failedJobs(job())).containsExactly("test (ubuntu)");
    }

    // ---- restart: "Re-run a workflow", "Re-run failed jobs from a workflow run", "Re-run a job from a workflow run"

    @Test
    void rerunOfFailedJobsIsTheDefaultAndKeepsTheRunIdWithTheNewAttempt() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(empty(201));
        server.enqueue(answer(200, "run-rerun-queued.json"));
        Attempt next = provider().restart(Attempt.first(run()), null);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("30433642");
        assertThat(next.ref().kind()).isEqualTo("run");
        assertThat(next.ref().url()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/2");
        expect("GET", RUNS);
        RecordedRequest post = expect("POST", RUNS + "/rerun-failed-jobs");
        assertThat(post.getBodySize()).isZero();
        expect("GET", RUNS);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void restartedRunIsThenReadAsItsNewAttempt() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(empty(201));
        server.enqueue(answer(200, "run-rerun-queued.json"));
        server.enqueue(answer(200, "run-rerun-queued.json"));
        Attempt next = provider().restart(Attempt.first(run()), RestartMode.FAILED);
        assertThat(provider().status(next.ref())).isEqualTo(BuildStatus.of(State.QUEUED, "queued"));
        server.takeRequest();
        server.takeRequest();
        server.takeRequest();
        expect("GET", RUNS + "/attempts/2");
    }

    @Test
    void rerunAllPostsRerun() throws Exception {
        server.enqueue(answer(200, "run-success.json"));
        server.enqueue(empty(201));
        server.enqueue(answer(200, "run-rerun-queued.json"));
        Attempt next = provider().restart(Attempt.first(run()), RestartMode.ALL);
        assertThat(next).isEqualTo(new Attempt(type.fromCoordinates(SERVER, PROJECT, "run", "30433642/attempts/2"), 2));
        expect("GET", RUNS);
        expect("POST", RUNS + "/rerun");
        expect("GET", RUNS);
    }

    @Test
    void attemptIsTheRunAttemptGitHubReportsNotOurCount() throws Exception {
        // the run was re-run twice elsewhere: attempt 3 before, 4 after, whatever our chain says
        server.enqueue(json(200, runWith("run-failed.json", "run_attempt", "1", "3")));
        server.enqueue(empty(201));
        server.enqueue(json(200, runWith("run-rerun-queued.json", "run_attempt", "2", "4")));
        Attempt next = provider().restart(Attempt.first(run()), RestartMode.FAILED);
        assertThat(next.number()).isEqualTo(4);
        assertThat(next.ref().url()).endsWith("/actions/runs/30433642/attempts/4");
    }

    @Test
    void attemptIsCountedOnWhenGitHubDoesNotShowTheNewOneYet() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(empty(201));
        server.enqueue(answer(200, "run-failed.json"));
        assertThat(provider().restart(Attempt.first(run()), RestartMode.FAILED).number()).isEqualTo(2);
    }

    @Test
    void rerunOfOneJobFollowsTheJobsNewIdInTheRunsNewAttempt() throws Exception {
        server.enqueue(answer(200, "job-failed.json"));
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(empty(201));
        server.enqueue(answer(200, "run-rerun-queued.json"));
        server.enqueue(answer(200, "jobs-attempt-2.json"));
        Attempt next = provider().restart(Attempt.first(job()), RestartMode.JOB);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().kind()).isEqualTo("job");
        assertThat(next.ref().id()).isEqualTo("399451234");
        assertThat(next.ref().url()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642/job/399451234");
        expect("GET", "/repos/octo-org/octo-repo/actions/jobs/399444496");
        expect("GET", RUNS);
        RecordedRequest post = expect("POST", "/repos/octo-org/octo-repo/actions/jobs/399444496/rerun");
        assertThat(post.getBodySize()).isZero();
        expect("GET", RUNS);
        expect("GET", RUNS + "/attempts/2/jobs?per_page=100");
    }

    @Test
    void modeJobOnARunAndModeAllOnAJobAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(run()), RestartMode.JOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitHub Actions cannot restart a run with mode 'job'; supported: all, failed");
        assertThatThrownBy(() -> provider().restart(Attempt.first(job()), RestartMode.ALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitHub Actions cannot restart a job with mode 'all'; supported: job");
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- limits, checked before any POST: "Re-running workflows and jobs"

    @Test
    void runCreatedMoreThanThirtyDaysAgoIsRefusedWithoutPosting() throws Exception {
        server.enqueue(json(200, runWith("run-failed.json", "created_at", "\"2024-05-13T09:12:31Z\"", "\"2024-04-14T09:59:59Z\"")));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.FAILED);
        assertThat(e.getMessage()).contains("run 30433642 of octo-org/octo-repo was created 2024-04-14T09:59:59Z, 30 days ago",
                "only within 30 days of its creation", "start a new run");
        expect("GET", RUNS);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void thirtyDayWindowIsMeasuredOnTheServersClock() throws Exception {
        // our clock says a day after creation; GitHub's Date header says 31 days
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Date", "Thu, 13 Jun 2024 10:00:00 GMT")
                .body(fixture("run-failed.json")).build());
        restartFails(ProviderException.NotRestartable.class, RestartMode.ALL);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void runReRunFiftyTimesIsRefusedWithoutPosting() throws Exception {
        server.enqueue(json(200, runWith("run-failed.json", "run_attempt", "1", "51")));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.FAILED);
        assertThat(e.getMessage()).contains("is at attempt 51", "re-run 50 times", "at most 50 re-runs");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void runAtAttemptFiftyMayStillBeReRunOnce() throws Exception {
        server.enqueue(json(200, runWith("run-failed.json", "run_attempt", "1", "50")));
        server.enqueue(empty(201));
        server.enqueue(json(200, runWith("run-rerun-queued.json", "run_attempt", "2", "51")));
        assertThat(provider().restart(Attempt.first(run()), RestartMode.FAILED).number()).isEqualTo(51);
    }

    @Test
    void runStillInProgressIsRefusedWithoutPosting() throws Exception {
        server.enqueue(answer(200, "run-in-progress.json"));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.FAILED);
        assertThat(e.getMessage()).contains("is still in_progress", "only a completed run can be re-run");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void jobOfARunningRunIsRefusedWithoutPosting() throws Exception {
        server.enqueue(answer(200, "job-in-progress.json"));
        server.enqueue(answer(200, "run-in-progress.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(job()), RestartMode.JOB));
        assertThat(e.getMessage()).contains("run 30433642 of octo-org/octo-repo (job 399444496) is still in_progress");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void modeFailedOnASuccessfulRunIsRefusedAndSuggestsModeAll() throws Exception {
        server.enqueue(answer(200, "run-success.json"));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.FAILED);
        assertThat(e.getMessage()).contains("ended with success", "use mode 'all'");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void runWithAnInvalidWorkflowFileIsRefused() throws Exception {
        server.enqueue(json(200, runWith("run-failed.json", "conclusion", "\"failure\"", "\"startup_failure\"")));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.ALL);
        assertThat(e.getMessage()).contains("startup_failure", "workflow file is invalid");
    }

    @Test
    void rerunRefusedWith403BecauseItStartedMeanwhileIsNotRestartable() throws Exception {
        // cli/cli #9221/#10774: 403 {"message":"This workflow is already running"}
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(answer(403, "error-403-already-running.json"));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.FAILED);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("This workflow is already running", "re-run (mode failed) of run 30433642");
    }

    @Test
    void rerunRefusedWith422IsNotRestartable() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(answer(422, "error-422.json"));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.ALL);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("Validation Failed");
    }

    // ---- cancel: "Cancel a workflow run" (202; 409 Conflict)

    @Test
    void cancelPostsCancelAndAcceptsTheEmpty202() throws Exception {
        server.enqueue(empty(202));
        provider().cancel(run());
        expect("POST", RUNS + "/cancel");
    }

    @Test
    void cancelOfACompletedRunIsNotRestartableWith409() throws Exception {
        server.enqueue(answer(409, "error-409-cancel.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().cancel(run()));
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.getMessage()).contains("cancel of run 30433642", "already ended", "nothing to cancel");
        assertTokenAbsent(e);
    }

    @Test
    void cancelOfAJobCancelsItsRun() throws Exception {
        server.enqueue(empty(202));
        provider().cancel(job());
        expect("POST", RUNS + "/cancel");
    }

    // ---- latest run of a branch: "List workflow runs for a repository"

    @Test
    void latestRunOfABranchIsTheFirstListed() throws Exception {
        server.enqueue(answer(200, "runs-latest.json"));
        assertThat(provider().latest(null, PROJECT, "main")).isEqualTo(run());
        expect("GET", "/repos/octo-org/octo-repo/actions/runs?branch=main&per_page=1");
    }

    @Test
    void branchWithoutRunsIsNotFound() {
        server.enqueue(json(200, "{\"total_count\":0,\"workflow_runs\":[]}"));
        assertThatThrownBy(() -> provider().latest(null, PROJECT, "feature/x"))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("no workflow run for branch 'feature/x'");
    }

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
