package io.jenkins.plugins.externalbuild.provider.buildkite;

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
import io.jenkins.plugins.externalbuild.provider.Capabilities;
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
import java.time.ZoneId;
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
 * Buildkite's documented answers replayed from the fixtures next to this class (their README lists the sources):
 * buildkite/docs pages/apis/rest_api/builds.md, jobs.md and rate_limits.md.
 */
class BuildkiteProviderTest {

    private static final String TOKEN = "bkua_0123456789abcdef0123456789abcdef01234567";
    private static final String PROJECT = "acme/web-app";
    private static final String BUILDS = "/v2/organizations/acme/pipelines/web-app/builds";
    private static final String FAILED_JOB = "0190f1a2-2222-4aaa-8bbb-000000000002";
    private static final String NEW_JOB = "0190f1a2-4444-4aaa-8bbb-000000000004";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<Duration> pauses = new ArrayList<>();
    private final BuildkiteProviderType type = new BuildkiteProviderType();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-14T10:05:00Z"));

    private ProviderContext context() {
        return ProviderTestSupport.context(pauses::add, clock);
    }

    private Provider provider() {
        return provider(context());
    }

    private Provider provider(ProviderContext context) {
        ConnectionSettings settings = new ConnectionSettings(server.url("/v2/").uri(), ProviderCredentials.token(Token.of(TOKEN)),
                Map.of());
        return type.connect(settings, context);
    }

    private BuildRef build(String number) {
        return type.fromCoordinates(null, PROJECT, "build", number);
    }

    private BuildRef jobUrl(String job) {
        return type.parseUrl(URI.create("https://buildkite.com/acme/web-app/builds/42#" + job)).orElseThrow();
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
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
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

    private <T extends ProviderException> T fails(Class<T> type, ThrowingCall call) {
        T e = catchThrowableOfType(type, call::run);
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.provider()).isEqualTo("buildkite");
        assertTokenAbsent(e);
        return e;
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    // ---- status: builds.md, "Get a build"

    @Test
    void runningBuildIsRunningWithItsStartAsTimingHint() throws Exception {
        server.enqueue(answer(200, "build-running.json"));
        BuildStatus status = provider().status(build("42"));
        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.raw()).isEqualTo("running");
        assertThat(status.startedAt()).isEqualTo(Instant.parse("2024-05-14T09:50:05Z").toEpochMilli());
        assertThat(status.durationMillis()).isNull();
        expect("GET", BUILDS + "/42");
    }

    @Test
    void failedBuildIsFailedWithItsDuration() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        BuildStatus status = provider().status(build("42"));
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.terminal()).isTrue();
        assertThat(status.durationMillis()).isEqualTo(Duration.ofMinutes(11).plusSeconds(35).toMillis());
        expect("GET", BUILDS + "/42");
    }

    @Test
    void passedBuildSucceeded() throws Exception {
        server.enqueue(answer(200, "build-passed.json"));
        assertThat(provider().status(build("42")).succeeded()).isTrue();
        expect("GET", BUILDS + "/42");
    }

    @Test
    void aJobUrlReadsTheStatusOfItsBuild() throws Exception {
        server.enqueue(answer(200, "build-running.json"));
        assertThat(provider().status(jobUrl(FAILED_JOB)).state()).isEqualTo(State.RUNNING);
        expect("GET", BUILDS + "/42");
    }

    @Test
    void failedJobsLeaveOutPassedAndSoftFailedJobs() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        assertThat(provider().failedJobs(build("42"))).containsExactly(":rspec: Test");
    }

    @Test
    void pollSourceReadsOneBuildPerRequestOnTheAccountBudget() throws Exception {
        server.enqueue(answer(200, "build-running.json"));
        PollSource source = provider().pollSource();
        assertThat(source.maxBatch()).isEqualTo(1);
        assertThat(source.budget().limited()).isFalse();
        Map<BuildRef, Object> read = source.reader().read(List.of(build("42")));
        assertThat(((BuildStatus) read.get(build("42"))).state()).isEqualTo(State.RUNNING);
        expect("GET", BUILDS + "/42");
    }

    @Test
    void rateLimitHeadersPaceTheAccountBudgetByTheLowerOfOrganizationAndUser() throws Exception {
        // rate_limits.md: both header sets on every answer, resets in seconds from now
        server.enqueue(new MockResponse.Builder().code(200).body(fixture("build-running.json"))
                .setHeader("RateLimit-Remaining", "80").setHeader("RateLimit-Limit", "200").setHeader("RateLimit-Reset", "42")
                .setHeader("RateLimit-User-Remaining", "12").setHeader("RateLimit-User-Limit", "50")
                .setHeader("RateLimit-User-Reset", "42").build());
        Provider p = provider();
        p.status(build("42"));
        // (12 - 2 reserve) * 0.9 / 42 s: the user's count, not the organization's 80
        assertThat(p.pollSource().budget().rate()).isCloseTo(10 * 0.9 / 42, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void connectionsWithTheSameTokenShareOneBudget() {
        ProviderContext shared = context();
        assertThat(provider(shared).pollSource().budget()).isSameAs(provider(shared).pollSource().budget());
    }

    // ---- restart mode all: builds.md, "Rebuild a build"

    @Test
    void rebuildReturnsTheNewBuildNumberAsNextAttempt() throws Exception {
        server.enqueue(answer(200, "build-rebuilt.json"));
        Attempt next = provider().restart(Attempt.first(build("42")), RestartMode.ALL);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("43");
        assertThat(next.ref().url()).isEqualTo("https://buildkite.com/acme/web-app/builds/43");
        assertThat(next.ref().project()).isEqualTo(PROJECT);
        RecordedRequest request = expect("PUT", BUILDS + "/42/rebuild");
        assertThat(request.getBodySize()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rebuildOfAJobUrlRebuildsTheWholeBuildAndDropsTheJob() throws Exception {
        server.enqueue(answer(200, "build-rebuilt.json"));
        Attempt next = provider().restart(Attempt.first(jobUrl(FAILED_JOB)), RestartMode.ALL);
        assertThat(next.ref().url()).isEqualTo("https://buildkite.com/acme/web-app/builds/43");
        expect("PUT", BUILDS + "/42/rebuild");
    }

    @Test
    void rebuildRefusedWith422IsNotRestartable() {
        server.enqueue(answer(422, "error-422-rebuild.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.ALL));
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("rebuild of build 42 of acme/web-app", "could not be created");
    }

    @Test
    void rebuildAnswerWithoutANumberIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"state\":\"scheduled\"}").build());
        fails(ProviderException.BadResponse.class, () -> provider().restart(Attempt.first(build("42")), RestartMode.ALL));
    }

    // ---- restart mode failed (default): builds.md, "Retry failed jobs for a build"

    @Test
    void retryOfFailedJobsKeepsTheBuildNumberAndIsTheDefaultMode() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(202, "build-retry-failed-jobs.json"));
        Provider p = provider();
        assertThat(p.capabilities(build("42"))).isEqualTo(new Capabilities(
                java.util.EnumSet.of(RestartMode.FAILED, RestartMode.ALL), RestartMode.FAILED, true, true));
        Attempt next = p.restart(Attempt.first(build("42")), null);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(build("42"));
        expect("GET", BUILDS + "/42");
        RecordedRequest put = expect("PUT", BUILDS + "/42/retry_failed_jobs");
        assertThat(put.getBody().utf8()).isEqualTo("{\"states\":\"canceled,expired,failed,timed_out\"}");
        assertThat(put.getHeaders().get("Content-Type")).startsWith("application/json");
    }

    @Test
    void afterARetryTheOldEndReadsAsQueuedUntilTheRetryShowsOrTheGraceEnds() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(202, "build-retry-failed-jobs.json"));
        server.enqueue(answer(200, "build-failed.json")); // not yet visible
        server.enqueue(answer(200, "build-failed.json")); // grace over
        Provider p = provider();
        p.restart(Attempt.first(build("42")), RestartMode.FAILED);
        assertThat(p.status(build("42"))).isEqualTo(BuildStatus.of(State.QUEUED, "retry requested")
                .withTiming(Instant.parse("2024-05-14T09:50:05Z").toEpochMilli(), null));
        clock.advance(SameNumberRestarts.GRACE.plusSeconds(1));
        assertThat(p.status(build("42")).state()).isEqualTo(State.FAILED);
    }

    @Test
    void retryOfFailedJobsOfAPassedBuildIsRefusedWithoutAPut() {
        server.enqueue(answer(200, "build-passed.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.FAILED));
        assertThat(e.getMessage()).contains("passed", "mode 'all'");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryThatFoundNoFailedJobIsNotRestartable() {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(202, "build-retry-failed-jobs-none.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.FAILED));
        assertThat(e.getMessage()).contains("no failed, timed out, expired or canceled job");
    }

    @Test
    void retryOfJobsOfACanceledBuildRefusedWith422IsNotRestartable() {
        server.enqueue(answer(200, "build-canceled.json"));
        server.enqueue(answer(422, "error-422-canceled-build.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.FAILED));
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("Jobs from canceled builds cannot be retried");
    }

    // ---- restart mode job: jobs.md, "Retry a job"

    @Test
    void retryOfTheJobOfTheUrlKeepsTheBuildAndLinksTheNewJob() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(200, "job-retried.json"));
        BuildRef ref = jobUrl(FAILED_JOB);
        Provider p = provider();
        assertThat(p.capabilities(ref).defaultMode()).isEqualTo(RestartMode.JOB);
        Attempt next = p.restart(Attempt.first(ref), null);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("42");
        assertThat(next.ref().url()).isEqualTo("https://buildkite.com/acme/web-app/builds/42#" + NEW_JOB);
        expect("GET", BUILDS + "/42");
        RecordedRequest put = expect("PUT", BUILDS + "/42/jobs/" + FAILED_JOB + "/retry");
        assertThat(put.getBodySize()).isZero();
    }

    @Test
    void modeJobWithoutAJobInTheUrlIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("42")), RestartMode.JOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Buildkite restart mode 'job' needs a job: give the job's URL, "
                        + "https://buildkite.com/acme/web-app/builds/42#JOB_UUID, as the build (its link in the build page); "
                        + "or use mode 'failed' or 'all'");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void retryOfAJobThatDidNotFailIsNotRestartable() {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(400, "error-400-job-not-retryable.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(jobUrl(FAILED_JOB)), RestartMode.JOB));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Only failed, timed out or canceled jobs can be retried");
    }

    // ---- cancel: builds.md, "Cancel a build"

    @Test
    void cancelPutsCancel() throws Exception {
        server.enqueue(answer(200, "build-canceled.json"));
        provider().cancel(build("42"));
        RecordedRequest put = expect("PUT", BUILDS + "/42/cancel");
        assertThat(put.getBodySize()).isZero();
    }

    @Test
    void cancelOfAFinishedBuildSaysItHasFinished() {
        server.enqueue(answer(422, "error-422-cancel.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class, () -> provider().cancel(build("42")));
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("cancel of build 42 of acme/web-app", "could not be canceled",
                "only a scheduled, running or failing build");
    }

    // ---- latest: builds.md, "List builds for a pipeline"

    @Test
    void latestBuildOfABranchIsTheNewest() throws Exception {
        server.enqueue(answer(200, "builds-latest.json"));
        BuildRef ref = provider().latest(null, PROJECT, "feature/x");
        assertThat(ref).isEqualTo(build("57"));
        expect("GET", BUILDS + "?branch=feature%2Fx&per_page=1");
    }

    @Test
    void latestBuildOfABranchWithoutBuildsIsNotFound() {
        server.enqueue(new MockResponse.Builder().code(200).body("[]").build());
        ProviderException.NotFound e = fails(ProviderException.NotFound.class, () -> provider().latest(null, PROJECT, "gone"));
        assertThat(e.getMessage()).contains("acme/web-app has no build of branch 'gone'");
    }

    // ---- credentials

    @Test
    void userNameAndPasswordAreRefused() {
        ConnectionSettings settings = ConnectionSettings.of(new ProviderCredentials.UsernamePassword("bot", Token.of(TOKEN)));
        assertThatThrownBy(() -> type.connect(settings, context())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API access token").hasMessageNotContaining(TOKEN);
    }

    @Test
    void withoutCredentialsNoAuthorizationHeaderIsSent() throws Exception {
        server.enqueue(answer(200, "build-running.json"));
        ConnectionSettings settings = new ConnectionSettings(server.url("/v2").uri(), ProviderCredentials.none(), Map.of());
        type.connect(settings, context()).status(build("42"));
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void refOfAnotherProviderIsRefused() {
        BuildRef gitlab = new BuildRef("gitlab", "job", "https://gitlab.com", "g/p", "1", "https://gitlab.com/g/p/-/jobs/1");
        assertThatThrownBy(() -> provider().status(gitlab)).isInstanceOf(IllegalArgumentException.class);
    }

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

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
