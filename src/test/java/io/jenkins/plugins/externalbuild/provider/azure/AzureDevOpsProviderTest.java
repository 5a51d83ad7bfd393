package io.jenkins.plugins.externalbuild.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.PollSource;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
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
 * Azure DevOps' documented answers replayed from the fixtures next to this class (their README lists the sources
 * and what is unverified): Builds - Get, Builds - Update Build (retry, cancel), Builds - Queue, Builds - List,
 * Timeline - Get (learn.microsoft.com/rest/api/azure/devops/build, api-version 7.1), "Rate and usage limits" for
 * 429 and Retry-After.
 */
class AzureDevOpsProviderTest {

    private static final String TOKEN = "azdopat7x2k9qm4vtrw8yb3nc6hf5jd0gsle1uo2pia4zxkw7bv9q";
    private static final String BASIC = Base64.getEncoder().encodeToString((":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    private static final String PROJECT = "fabrikam/Fabrikam-Fiber";
    private static final String API = "/fabrikam/Fabrikam-Fiber/_apis";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T10:00:00Z"), ZoneOffset.UTC);

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<Duration> pauses = new ArrayList<>();
    private final AzureDevOpsProviderType type = new AzureDevOpsProviderType();

    private ProviderContext context() {
        return ProviderTestSupport.context(pauses::add, CLOCK);
    }

    private Provider provider() {
        return connect(server.url(API).uri(), ProviderCredentials.token(Token.of(TOKEN)));
    }

    private Provider connect(URI apiBase, ProviderCredentials credentials) {
        return type.connect(new ConnectionSettings(apiBase, credentials, Map.of()), context());
    }

    private BuildRef build(String id) {
        return type.fromCoordinates("https://dev.azure.com", PROJECT, "build", id);
    }

    private String fixture(String name) {
        return ProviderTestSupport.fixture(getClass(), name);
    }

    private MockResponse answer(int code, String fixture) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8; api-version=7.1")
                .body(fixture(fixture)).build();
    }

    /** Asserts the request line and the Basic authentication of the next request, and returns it. */
    private RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a %s %s request", method, target).isNotNull();
        assertThat(request.getRequestLine()).isEqualTo(method + " " + target + " HTTP/1.1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + BASIC);
        return request;
    }

    private void assertTokenAbsent(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String secret : List.of(TOKEN, BASIC)) {
            assertThat(e.getMessage()).doesNotContain(secret);
            assertThat(e.toString()).doesNotContain(secret);
            assertThat(trace.toString()).doesNotContain(secret);
            assertThat(logs.text()).doesNotContain(secret);
        }
    }

    private <T extends ProviderException> T statusFails(Class<T> expected) {
        T e = catchThrowableOfType(expected, () -> provider().status(build("1234")));
        assertThat(e).as("expected %s", expected.getSimpleName()).isNotNull();
        assertThat(e.provider()).isEqualTo("azure");
        assertTokenAbsent(e);
        return e;
    }

    // ---- Builds - Get

    @Test
    void runningBuildIsRunningWithItsStartTime() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json"));
        BuildStatus status = provider().status(build("1234"));
        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.raw()).isEqualTo("inProgress/none");
        assertThat(status.startedAt()).isEqualTo(Instant.parse("2024-05-14T10:00:05.5Z").toEpochMilli());
        assertThat(status.durationMillis()).isNull();
        expect("GET", API + "/build/builds/1234?api-version=7.1");
    }

    @Test
    void failedBuildIsFailedWithItsDuration() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        BuildStatus status = provider().status(build("1234"));
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.raw()).isEqualTo("completed/failed");
        assertThat(status.durationMillis()).isEqualTo(244_750L);
    }

    @Test
    void partiallySucceededBuildIsFailedAndSaysSo() throws Exception {
        server.enqueue(answer(200, "build-partially-succeeded.json"));
        BuildStatus status = provider().status(build("1234"));
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.toString()).isEqualTo("failed (completed/partiallySucceeded)");
    }

    @Test
    void queuedAndSucceededBuildsMapFromTheirFixtures() throws Exception {
        server.enqueue(answer(200, "build-not-started.json"));
        server.enqueue(answer(200, "build-succeeded.json"));
        assertThat(provider().status(build("1234")).state()).isEqualTo(State.QUEUED);
        assertThat(provider().status(build("1234")).state()).isEqualTo(State.SUCCESS);
    }

    @Test
    void apiBaseIsDerivedFromTheServerAndTheCollectionPath() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json"));
        String base = server.url("/").toString().replaceAll("/$", "");
        BuildRef ref = type.fromCoordinates(base, "tfs/DefaultCollection/Fabrikam Fiber", "build", "1234");
        connect(null, ProviderCredentials.token(Token.of(TOKEN))).status(ref);
        expect("GET", "/tfs/DefaultCollection/Fabrikam%20Fiber/_apis/build/builds/1234?api-version=7.1");
    }

    @Test
    void publicProjectIsReadWithoutAuthorization() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json"));
        connect(server.url(API).uri(), ProviderCredentials.none()).status(build("1234"));
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void pollSourceReadsOneBuildOnTheAccountBudget() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json"));
        Provider provider = provider();
        PollSource source = provider.pollSource();
        assertThat(source.maxBatch()).isEqualTo(1);
        assertThat(source.key()).doesNotContain(TOKEN).doesNotContain(BASIC);
        BuildRef ref = build("1234");
        Map<BuildRef, Object> read = source.reader().read(List.of(ref));
        assertThat(((BuildStatus) read.get(ref)).state()).isEqualTo(State.RUNNING);
        ProviderContext shared = context();
        ConnectionSettings settings = new ConnectionSettings(server.url(API).uri(), ProviderCredentials.token(Token.of(TOKEN)),
                Map.of());
        assertThat(type.connect(settings, shared).pollSource().budget())
                .as("every connection with the same PAT shares the account's budget")
                .isSameAs(type.connect(settings, shared).pollSource().budget());
    }

    // ---- Builds - Update Build, retry=true: "Rerun failed jobs"

    @Test
    void retryOfFailedBuildKeepsTheIdAndCountsTheAttempt() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(200, "build-retried.json"));
        Attempt next = provider().restart(Attempt.first(build("1234")), RestartMode.FAILED);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(build("1234"));
        expect("GET", API + "/build/builds/1234?api-version=7.1");
        RecordedRequest patch = expect("PATCH", API + "/build/builds/1234?retry=true&api-version=7.1");
        // Azure answers "The request body must be empty when the retry parameter is specified" otherwise
        // (azure-devops-python-api#524); the web UI's own rerun sends no body (azure-devops-rust-api#181).
        assertThat(patch.getBodySize()).isZero();
        assertThat(patch.getHeaders().get("Content-Length")).isEqualTo("0");
        assertThat(patch.getHeaders().get("Content-Type")).isNull();
    }

    @Test
    void defaultModeIsRetryOfTheFailedJobs() throws Exception {
        server.enqueue(answer(200, "build-partially-succeeded.json"));
        server.enqueue(answer(200, "build-retried.json"));
        Provider provider = provider();
        Attempt next = provider.restart(new Attempt(build("1234"), 2), null);
        assertThat(next.number()).isEqualTo(3);
        assertThat(provider.capabilities(build("1234")).sameIdRestart()).isTrue();
        server.takeRequest();
        expect("PATCH", API + "/build/builds/1234?retry=true&api-version=7.1");
    }

    @Test
    void retryOfRunningBuildIsRefusedBeforeSending() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("1234")), RestartMode.FAILED));
        assertThat(e.getMessage()).contains("inProgress/none").contains("completed build");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertTokenAbsent(e);
    }

    @Test
    void retryOfSucceededBuildPointsToModeAll() throws Exception {
        server.enqueue(answer(200, "build-succeeded.json"));
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("1234")), RestartMode.FAILED))
                .isInstanceOf(ProviderException.NotRestartable.class).hasMessageContaining("mode 'all'");
    }

    @Test
    void retryRefusedWith400IsNotRestartable() throws Exception {
        // Azure rejects a retry of a build that is (again) running; our read raced with someone else's retry.
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(400, "error-400-retry-in-progress.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("1234")), RestartMode.FAILED));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("still in progress");
        assertTokenAbsent(e);
    }

    // ---- Builds - Queue: mode all

    @Test
    void restartAllQueuesANewBuildOfTheSameDefinitionAndCommit() throws Exception {
        server.enqueue(answer(200, "build-succeeded.json"));
        server.enqueue(answer(200, "build-queued.json"));
        Attempt next = provider().restart(Attempt.first(build("1234")), RestartMode.ALL);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("1240");
        assertThat(next.ref().url()).isEqualTo("https://dev.azure.com/fabrikam/Fabrikam-Fiber/_build/results?buildId=1240");
        server.takeRequest();
        RecordedRequest post = expect("POST", API + "/build/builds?api-version=7.1");
        assertThat(post.getBody().utf8()).isEqualTo("{\"definition\":{\"id\":29},\"sourceBranch\":\"refs/heads/main\","
                + "\"sourceVersion\":\"c4e8a8dd1b7b4ed5e2df6c9a7a9b5ad1d7a3a0f1\"}");
    }

    @Test
    void restartOfOneJobIsRefusedWithTheSupportedModes() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("1234")), RestartMode.JOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Azure DevOps cannot restart a build with mode 'job'; supported: all, failed");
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- cancel, failed jobs, latest

    @Test
    void cancelPatchesTheStatusToCancelling() throws Exception {
        server.enqueue(answer(200, "build-cancelling.json"));
        provider().cancel(build("1234"));
        RecordedRequest patch = expect("PATCH", API + "/build/builds/1234?api-version=7.1");
        assertThat(patch.getBody().utf8()).isEqualTo("{\"status\":\"cancelling\"}");
    }

    @Test
    void failedJobsAreTheFailedJobRecordsOfTheTimeline() throws Exception {
        server.enqueue(answer(200, "timeline-failed.json"));
        assertThat(provider().failedJobs(build("1234"))).containsExactly("Linux");
        expect("GET", API + "/build/builds/1234/timeline?api-version=7.1");
    }

    @Test
    void latestBuildOfABranchIsTheNewestQueued() throws Exception {
        server.enqueue(answer(200, "builds-latest.json"));
        BuildRef ref = provider().latest(null, PROJECT, "main");
        assertThat(ref).isEqualTo(build("1239"));
        expect("GET", API + "/build/builds?branchName=refs/heads/main&queryOrder=queueTimeDescending&$top=1&api-version=7.1");
    }

    @Test
    void latestBuildOfABranchWithoutBuildsIsNotFound() {
        server.enqueue(answer(200, "builds-empty.json"));
        assertThatThrownBy(() -> provider().latest(null, PROJECT, "refs/heads/release/1.0"))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("refs/heads/release/1.0");
    }

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
