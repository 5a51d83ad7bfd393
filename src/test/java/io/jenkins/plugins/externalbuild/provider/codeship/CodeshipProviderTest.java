package io.jenkins.plugins.externalbuild.provider.codeship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Codeship API v2 and Basic API v1 against the documented answers in the fixture folder (see its README.md for
 * each source): docs.cloudbees.com/docs/cloudbees-codeship/latest/api-authentication/authenticate, …/api-builds/
 * get-build, list-builds, restart-build; …/api-projects/get-project; …/api-overview/rate-limiting and errors;
 * codeship-go's auth fixtures; codeship/documentation's v1 api.md and codeship/scripts' codeship_restart_build.
 */
class CodeshipProviderTest {

    private static final String USER = "bot@externalbuild.example";
    private static final String PASSWORD = "Pa55-word-secret-4711";
    private static final String ACCESS_TOKEN =
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJleHBpcmVzIjoxNzAwMDAzNjAwfQ.externalbuild-test-signature";
    private static final String API_KEY = "v1-apikey-0123456789abcdef";
    private static final String ORG = "0c1e6f2a-5b7d-4e1f-9a3c-2d4e6f8a0b1c";
    private static final String BASIC = "1a2b3c4d-0000-4000-8000-00000000b001";
    private static final String PRO = "1a2b3c4d-0000-4000-8000-00000000a001";
    private static final String TESTING = "2b3c4d5e-1111-4111-8111-000000000001";
    private static final String SUCCESS = "2b3c4d5e-1111-4111-8111-000000000002";
    private static final String ERROR = "2b3c4d5e-1111-4111-8111-000000000003";
    /** auth.json's expires_at. */
    private static final Instant EXPIRES = Instant.ofEpochSecond(1700003600);

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final List<Duration> pauses = new ArrayList<>();
    private final List<LogRecord> logs = new ArrayList<>();
    private final Logger root = Logger.getLogger("io.jenkins.plugins.externalbuild");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logs) {
                logs.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level oldLevel;
    private MutableClock clock = new MutableClock(EXPIRES.minus(Duration.ofHours(1)));

    @BeforeEach
    void captureLogs() {
        oldLevel = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        root.removeHandler(capture);
        root.setLevel(oldLevel);
    }

    // ---- harness

    private ProviderContext context() {
        HttpTransport.Settings settings = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024 * 1024, 2, Duration.ofMillis(10));
        return new ProviderContext(HttpTransport.clientBuilder(settings).build(), settings, pauses::add, clock);
    }

    private CodeshipProvider v2() {
        return (CodeshipProvider) new CodeshipProviderType().connect(new ConnectionSettings(server.url("/v2").uri(),
                new ProviderCredentials.UsernamePassword(USER, Token.of(PASSWORD)), Map.of()), context());
    }

    private CodeshipProvider v1() {
        return (CodeshipProvider) new CodeshipProviderType().connect(new ConnectionSettings(server.url("/api/v1").uri(),
                ProviderCredentials.token(Token.of(API_KEY)), Map.of()), context());
    }

    private static BuildRef ref(String project, String build) {
        return new CodeshipProviderType().fromCoordinates(null, project, "build", build);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = CodeshipProviderTest.class.getResourceAsStream("CodeshipProviderTest/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    private void answerFixture(int code, String name) throws IOException {
        answer(code, fixture(name));
    }

    private void authOk() throws IOException {
        answerFixture(200, "auth.json");
    }

    private void accepted() {
        server.enqueue(new MockResponse.Builder().code(202).build());
    }

    private void rateLimited() {
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 403 Rate Limit Exceeded").build());
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(r).as("a request was sent").isNotNull();
        return r;
    }

    private static String buildPath(String project, String build) {
        return "/v2/organizations/" + ORG + "/projects/" + project + "/builds/" + build;
    }

    /** The secrets never show: not in the message, not in toString(), not in any log record. */
    private void assertNoSecret(Throwable e) {
        for (String secret : List.of(PASSWORD, ACCESS_TOKEN, API_KEY)) {
            assertThat(e.getMessage()).doesNotContain(secret);
            assertThat(e.toString()).doesNotContain(secret);
            synchronized (logs) {
                for (LogRecord r : logs) {
                    assertThat(new java.util.logging.SimpleFormatter().formatMessage(r)).doesNotContain(secret);
                }
            }
        }
    }

    private ProviderException failure(ThrowingCall call) {
        try {
            call.run();
        } catch (ProviderException e) {
            assertNoSecret(e);
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws ProviderException;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    // ---- API v2: authentication (api-authentication/authenticate)

    @Test
    void authenticatesWithBasicAuthOnceAndSendsTheTokenAsBearer() throws Exception {
        authOk();
        answerFixture(200, "build-testing.json");
        answerFixture(200, "build-testing.json");
        answerFixture(200, "build-error.json");
        CodeshipProvider codeship = v2();

        assertThat(codeship.status(ref(ORG + "/" + BASIC, TESTING)).state()).isEqualTo(BuildStatus.State.RUNNING);
        assertThat(codeship.status(ref(ORG + "/" + BASIC, TESTING)).raw()).isEqualTo("testing");
        assertThat(codeship.status(ref(ORG + "/" + BASIC, ERROR)).state()).isEqualTo(BuildStatus.State.FAILED);

        RecordedRequest auth = take();
        assertThat(auth.getRequestLine()).isEqualTo("POST /v2/auth HTTP/1.1");
        assertThat(auth.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(auth.getBody().utf8()).isEqualTo("{}");
        RecordedRequest get = take();
        assertThat(get.getRequestLine()).isEqualTo("GET " + buildPath(BASIC, TESTING) + " HTTP/1.1");
        assertThat(get.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(take().getTarget()).isEqualTo(buildPath(BASIC, TESTING));
        assertThat(take().getTarget()).isEqualTo(buildPath(BASIC, ERROR));
        assertThat(server.getRequestCount()).isEqualTo(4); // one /auth for three calls
    }

    @Test
    void authenticatesAgainAMinuteBeforeTheTokenExpires() throws Exception {
        authOk();
        answerFixture(200, "build-success.json");
        answerFixture(200, "build-success.json");
        authOk();
        answerFixture(200, "build-success.json");
        CodeshipProvider codeship = v2();
        BuildRef ref = ref(ORG + "/" + PRO, SUCCESS);

        codeship.status(ref);
        clock.set(EXPIRES.minusSeconds(61));
        codeship.status(ref);
        clock.set(EXPIRES.minusSeconds(60));
        assertThat(codeship.status(ref).state()).isEqualTo(BuildStatus.State.SUCCESS);

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add(take().getRequestLine());
        }
        assertThat(lines).containsExactly("POST /v2/auth HTTP/1.1", "GET " + buildPath(PRO, SUCCESS) + " HTTP/1.1",
                "GET " + buildPath(PRO, SUCCESS) + " HTTP/1.1", "POST /v2/auth HTTP/1.1",
                "GET " + buildPath(PRO, SUCCESS) + " HTTP/1.1");
    }

    @Test
    void aProjectUuidAloneIsFoundInTheUsersOrganization() throws Exception {
        authOk(); // two organizations: the project is looked up in each
        server.enqueue(new MockResponse.Builder().code(200).body(fixture("project-basic.json")).build());
        answerFixture(200, "build-testing.json");

        BuildStatus status = v2().status(new CodeshipProviderType()
                .parseUrl(java.net.URI.create("https://app.codeship.com/projects/" + BASIC + "/builds/" + TESTING)).orElseThrow());

        assertThat(status.state()).isEqualTo(BuildStatus.State.RUNNING);
        take();
        assertThat(take().getTarget()).isEqualTo("/v2/organizations/" + ORG + "/projects/" + BASIC);
        assertThat(take().getTarget()).isEqualTo(buildPath(BASIC, TESTING));
    }

    @Test
    void numericIdsAreRefusedByApiV2BeforeAnyRequest() {
        assertThatThrownBy(() -> v2().status(ref("100001", "9000001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UUID");
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- API v2: restart (api-builds/restart-build)

    @Test
    void restartOfABasicBuildKeepsTheIdAsAttemptTwo() throws Exception {
        authOk();
        answerFixture(200, "build-error.json");
        answerFixture(200, "project-basic.json");
        accepted();
        answerFixture(200, "build-error.json"); // the new build run is not visible yet
        answer(200, fixture("build-error.json").replace("\"error\"", "\"waiting\""));
        CodeshipProvider codeship = v2();
        BuildRef ref = ref(ORG + "/" + BASIC, ERROR);

        Attempt next = codeship.restart(Attempt.first(ref), null);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(ref);
        assertThat(codeship.capabilities(ref).sameIdRestart()).isTrue();
        take();
        assertThat(take().getRequestLine()).isEqualTo("GET " + buildPath(BASIC, ERROR) + " HTTP/1.1");
        assertThat(take().getRequestLine()).isEqualTo("GET /v2/organizations/" + ORG + "/projects/" + BASIC + " HTTP/1.1");
        RecordedRequest restart = take();
        assertThat(restart.getRequestLine()).isEqualTo("POST " + buildPath(BASIC, ERROR) + "/restart HTTP/1.1");
        assertThat(restart.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        // The old, failed run must not end the wait on the restarted build.
        assertThat(codeship.status(ref)).isEqualTo(BuildStatus.of(BuildStatus.State.QUEUED, "restart requested"));
        assertThat(codeship.status(ref).raw()).isEqualTo("waiting");
    }

    @Test
    void theOldRunShowsAgainWhenTheRestartNeverAppears() throws Exception {
        authOk();
        answerFixture(200, "build-error.json");
        answerFixture(200, "project-basic.json");
        accepted();
        answerFixture(200, "build-error.json");
        CodeshipProvider codeship = v2();
        BuildRef ref = ref(ORG + "/" + BASIC, ERROR);

        codeship.restart(Attempt.first(ref), RestartMode.ALL);
        clock.set(clock.instant().plus(RestartGrace.GRACE));

        assertThat(codeship.status(ref).state()).isEqualTo(BuildStatus.State.FAILED);
    }

    @Test
    void restartOfAProBuildFollowsTheNewBuildFromTheList() throws Exception {
        String newBuild = "2b3c4d5e-1111-4111-8111-000000000005";
        String success = fixture("build-success.json");
        String listedBefore = "{\"builds\":[" + build(success) + "],\"total\":1,\"per_page\":50,\"page\":1}";
        String created = build(success).replace(SUCCESS, newBuild).replace("\"success\"", "\"waiting\"")
                .replace("2023-11-14T22:13:21.734+00:00", "2023-11-15T08:00:00.000+00:00");
        authOk();
        answer(200, success);
        answerFixture(200, "project-pro.json");
        answer(200, listedBefore);
        accepted();
        answer(200, listedBefore); // not listed yet
        answer(200, "{\"builds\":[" + created + "," + build(success) + "],\"total\":2,\"per_page\":50,\"page\":1}");
        CodeshipProvider codeship = v2();

        Attempt next = codeship.restart(Attempt.first(ref(ORG + "/" + PRO, SUCCESS)), RestartMode.ALL);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo(newBuild);
        assertThat(next.ref().project()).isEqualTo(ORG + "/" + PRO);
        assertThat(next.ref().url()).isEqualTo("https://app.codeship.com/projects/" + PRO + "/builds/" + newBuild);
        assertThat(pauses).containsExactly(CodeshipV2Api.LOOKUP_PAUSE);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            lines.add(take().getRequestLine());
        }
        String list = "GET /v2/organizations/" + ORG + "/projects/" + PRO + "/builds?per_page=50 HTTP/1.1";
        assertThat(lines).containsExactly("POST /v2/auth HTTP/1.1", "GET " + buildPath(PRO, SUCCESS) + " HTTP/1.1",
                "GET /v2/organizations/" + ORG + "/projects/" + PRO + " HTTP/1.1", list,
                "POST " + buildPath(PRO, SUCCESS) + "/restart HTTP/1.1", list, list);
    }

    @Test
    void aProRestartWhoseBuildNeverShowsIsReportedNotGuessed() throws Exception {
        String success = fixture("build-success.json");
        String listed = "{\"builds\":[" + build(success) + "]}";
        authOk();
        answer(200, success);
        answerFixture(200, "project-pro.json");
        answer(200, listed);
        accepted();
        for (int i = 0; i < CodeshipV2Api.LOOKUPS; i++) {
            answer(200, listed);
        }

        ProviderException e = failure(() -> v2().restart(Attempt.first(ref(ORG + "/" + PRO, SUCCESS)), null));

        assertThat(e).isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("accepted the restart")
                .hasMessageContaining("heads/release/1.2");
        assertThat(pauses).hasSize(CodeshipV2Api.LOOKUPS - 1);
    }

    @Test
    void restartOfARunningBuildIsRefusedWithoutPosting() throws Exception {
        authOk();
        answerFixture(200, "build-testing.json");

        ProviderException e = failure(() -> v2().restart(Attempt.first(ref(ORG + "/" + BASIC, TESTING)), null));

        assertThat(e).isInstanceOf(ProviderException.NotRestartable.class)
                .hasMessageContaining("is still running").hasMessageContaining("Codeship ignores restarts of running builds");
        assertThat(server.getRequestCount()).isEqualTo(2);
        take();
        assertThat(take().getMethod()).isEqualTo("GET");
    }

    @Test
    void onlyModeAllIsOffered() {
        CodeshipProvider codeship = v2();
        assertThatThrownBy(() -> codeship.restart(Attempt.first(ref(ORG + "/" + BASIC, ERROR)), RestartMode.FAILED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supported: all");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void cancelStopsTheBuild() throws Exception {
        authOk();
        accepted();

        v2().cancel(ref(ORG + "/" + BASIC, TESTING));

        take();
        assertThat(take().getRequestLine()).isEqualTo("POST " + buildPath(BASIC, TESTING) + "/stop HTTP/1.1");
    }

    @Test
    void latestBuildOfABranchIsTheNewestListedForIt() throws Exception {
        authOk();
        answerFixture(200, "builds-list.json");

        BuildRef latest = v2().latestBuild(ORG + "/" + BASIC, "master");

        assertThat(latest.id()).isEqualTo(TESTING);
        take();
        assertThat(take().getTarget()).isEqualTo("/v2/organizations/" + ORG + "/projects/" + BASIC + "/builds?per_page=50");
    }

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

    // ---- Basic API v1 (codeship/documentation _basic/getting-started/api.md)

    @Test
    void v1ReadsTheStatusFromTheProjectsBuilds() throws Exception {
        answerFixture(200, "v1-project.json");

        BuildStatus status = v1().status(ref("100001", "9000001"));

        assertThat(status).isEqualTo(BuildStatus.of(BuildStatus.State.FAILED, "error"));
        assertThat(take().getTarget()).isEqualTo("/api/v1/projects/100001.json?api_key=" + API_KEY);
        synchronized (logs) {
            assertThat(logs).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("api_key=" + Token.MASK))
                    .noneMatch(m -> m.contains(API_KEY));
        }
    }

    @Test
    void v1RestartFollowsTheIdItAnswers() throws Exception {
        answerFixture(200, "v1-project.json");
        answerFixture(200, "v1-build-restarted.json");

        Attempt next = v1().restart(Attempt.first(ref("100001", "9000001")), RestartMode.ALL);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("9000003");
        assertThat(next.ref().url()).isEqualTo("https://app.codeship.com/projects/100001/builds/9000003");
        take();
        RecordedRequest restart = take();
        assertThat(restart.getRequestLine())
                .isEqualTo("POST /api/v1/builds/9000001/restart.json?api_key=" + API_KEY + " HTTP/1.1");
        assertThat(restart.getBody().utf8()).isEqualTo("api_key=" + API_KEY);
    }

    @Test
    void v1RestartLatestOfABranchRestartsItsNewestFinishedBuild() throws Exception {
        String project = fixture("v1-project.json").replace("\"testing\"", "\"success\"");
        answer(200, project);
        answer(200, project);
        answerFixture(200, "v1-build-restarted.json");

        Attempt next = v1().restartLatest("100001", "master");

        assertThat(next.ref().id()).isEqualTo("9000003");
        assertThat(take().getTarget()).isEqualTo("/api/v1/projects/100001.json?api_key=" + API_KEY + "&branch=master");
        take();
        assertThat(take().getTarget()).isEqualTo("/api/v1/builds/9000002/restart.json?api_key=" + API_KEY);
    }

    @Test
    void v1RestartLatestRefusesARunningBuild() throws Exception {
        answerFixture(200, "v1-project.json");
        answerFixture(200, "v1-project.json");

        assertThat(failure(() -> v1().restartLatest("100001", "master")))
                .isInstanceOf(ProviderException.NotRestartable.class).hasMessageContaining("still running");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void v1RestartLatestOfABranchWithoutBuildsIsNotFound() {
        answer(200, "{\"id\":100001,\"repository_name\":\"externalbuild/basic-app\",\"builds\":[]}");

        assertThat(failure(() -> v1().restartLatest("100001", "gone")))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("no build of branch 'gone'");
    }

    @Test
    void v1CannotStopABuild() {
        assertThat(v1().capabilities(ref("100001", "9000001")).cancel()).isFalse();
        assertThat(failure(() -> v1().cancel(ref("100001", "9000001"))))
                .isInstanceOf(ProviderException.NotRestartable.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void v1ErrorsNeverShowTheApiKey() throws Exception {
        answer(401, "Unauthorized api_key=" + API_KEY);
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("api_key=");
        answer(403, "{\"error\":\"Forbidden\"}");
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.AuthError.class);
        rateLimited();
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.RateLimited.class);
        answer(404, "{\"error\":\"Not found\"}");
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.NotFound.class);
        for (int i = 0; i < 3; i++) {
            answer(502, "<html>Bad Gateway</html>");
        }
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.Transient.class);
        answer(200, "<html>maintenance</html>");
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.BadResponse.class);
        answerFixture(200, "v1-project.json");
        assertThat(failure(() -> v1().status(ref("100001", "1")))).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void uuidsAreRefusedByApiV1BeforeAnyRequest() {
        assertThatThrownBy(() -> v1().status(ref(ORG + "/" + BASIC, TESTING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("by number");
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- choosing the API

    @Test
    void credentialsChooseTheApiAndAContradictingVersionIsRefused() {
        assertThat(v2().apiVersion()).isEqualTo(2);
        assertThat(v1().apiVersion()).isEqualTo(1);
        CodeshipProviderType type = new CodeshipProviderType();
        assertThatThrownBy(() -> type.connect(new ConnectionSettings(null, ProviderCredentials.token(Token.of(API_KEY)),
                Map.of("apiVersion", "2")), context())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user name and password").message().doesNotContain(API_KEY);
        assertThatThrownBy(() -> type.connect(ConnectionSettings.of(ProviderCredentials.none()), context()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Codeship needs credentials");
        assertThat(type.connect(ConnectionSettings.of(ProviderCredentials.token(Token.of(API_KEY))), context()).toString())
                .doesNotContain(API_KEY);
    }

    /** The build object of a {"build": {...}} fixture. */
    private static String build(String envelope) {
        String s = envelope.strip();
        return s.substring(s.indexOf('{', 1), s.lastIndexOf('}')).strip();
    }
}
