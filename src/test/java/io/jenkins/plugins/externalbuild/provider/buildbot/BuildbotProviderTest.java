package io.jenkins.plugins.externalbuild.provider.buildbot;

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
import java.time.Clock;
import java.time.Duration;
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
 * Buildbot 3.7.0's data API v2, replayed from answers recorded on a real master (fixtures next to this class, their
 * README names each request). Requests follow Buildbot's {@code master/docs/developer/rest.rst} (reads with
 * {@code Accept: application/json}, control calls as JSON-RPC 2.0 POSTs) and are asserted here.
 */
class BuildbotProviderTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "s3cret-Buildbot-pass";
    private static final String COOKIE = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2luZm8iOnsidXNlcm5hbWUiOiJhZG1pbiJ9fQ.c2lnbmF0dXJlLXZhbHVl";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<Duration> pauses = new ArrayList<>();
    private final BuildbotProviderType type = new BuildbotProviderType();

    private BuildbotProvider provider(ProviderCredentials credentials) {
        ProviderContext context = ProviderTestSupport.context(pauses::add, Clock.systemUTC());
        return (BuildbotProvider) type.connect(ConnectionSettings.of(credentials), context);
    }

    private BuildbotProvider provider() {
        return provider(ProviderCredentials.none());
    }

    private BuildbotProvider loggedIn() {
        return provider(new ProviderCredentials.UsernamePassword(USER, Token.of(PASSWORD)));
    }

    private String base() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private BuildRef build(String builder, String id) {
        return type.fromCoordinates(base(), builder, "build", id);
    }

    private BuildRef request(String id) {
        return type.fromCoordinates(base(), null, "buildrequest", id);
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
        return request;
    }

    private static JsonNode rpcBody(RecordedRequest request) throws IOException {
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        return Json.MAPPER.readTree(request.getBody().utf8());
    }

    private void assertNoSecret(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String secret : List.of(PASSWORD, COOKIE)) {
            assertThat(trace.toString()).doesNotContain(secret);
            assertThat(e.toString()).doesNotContain(secret);
            assertThat(logs.text()).doesNotContain(secret);
        }
    }

    @Test
    void runningBuildIsReadAsJsonAndIsRunning() throws Exception {
        answer(200, "build-running.json");

        BuildStatus status = provider().status(build("*", "3"));

        assertThat(status).isEqualTo(BuildStatus.of(State.RUNNING, "building").withTiming(1795512602000L, null));
        RecordedRequest r = expect("GET", "/api/v2/builds/3");
        assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(r.getHeaders().get("Cookie")).isNull();
    }

    @Test
    void failedBuildAddressedByBuilderAndNumberIsFailed() throws Exception {
        answer(200, "build-failed.json");

        // started_at 1795512599, complete_at 1795512600 (Unix seconds): the run page shows when and how long
        assertThat(provider().status(build("flaky", "1")))
                .isEqualTo(BuildStatus.of(State.FAILED, "failure").withTiming(1795512599000L, 1000L));
        expect("GET", "/api/v2/builders/flaky/builds/1");
    }

    @Test
    void rebuildReadsTheBuildThenReturnsItsNewBuildRequestAsTheNextAttempt() throws Exception {
        answer(200, "build-failed.json");
        answer(200, "rebuild.json");

        Attempt next = provider().restart(Attempt.first(build("3", "1")), RestartMode.ALL);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(new BuildRef("buildbot", "buildrequest", base(), "3", "2",
                base() + "/#/buildrequests/2"));
        expect("GET", "/api/v2/builders/3/builds/1");
        JsonNode body = rpcBody(expect("POST", "/api/v2/builds/1"));
        assertThat(body.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.get("method").asText()).isEqualTo("rebuild");
        assertThat(body.get("id").isNumber()).isTrue();
        assertThat(body.get("params").isObject()).isTrue();
    }

    @Test
    void buildRequestWithoutABuildIsQueued() throws Exception {
        answer(200, "builds-empty.json");
        answer(200, "buildrequest-queued.json");

        assertThat(provider().status(request("2"))).isEqualTo(BuildStatus.of(State.QUEUED, "pending"));
        expect("GET", "/api/v2/buildrequests/2/builds");
        expect("GET", "/api/v2/buildrequests/2");
    }

    @Test
    void buildRequestSpeaksWithItsNewestBuild() throws Exception {
        // request 7: build 5 ended with RETRY, then build 6 of the same request ran (listed in any order)
        server.enqueue(new MockResponse.Builder().code(200).body("{\"builds\":[{\"builderid\":4,\"buildid\":6,"
                + "\"buildrequestid\":7,\"complete\":true,\"number\":4,\"results\":0,\"state_string\":\"build successful\"},"
                + "{\"builderid\":4,\"buildid\":5,\"buildrequestid\":7,\"complete\":true,\"number\":3,\"results\":5,"
                + "\"state_string\":\"retry lost connection slow (retry)\"}],\"meta\":{\"total\":2}}").build());

        assertThat(provider().status(request("7"))).isEqualTo(BuildStatus.of(State.SUCCESS, "success"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void buildRequestWhoseOnlyBuildRetriedWaitsForTheNextBuild() throws Exception {
        answer(200, "build-retry.json");
        answer(200, "buildrequest-queued.json");

        BuildStatus status = provider().status(request("7"));

        assertThat(status).isEqualTo(BuildStatus.of(State.QUEUED, "retry"));
        assertThat(status.terminal()).isFalse();
    }

    @Test
    void buildThatEndedWithRetryIsFollowedThroughItsBuildRequest() throws Exception {
        answer(200, "build-retry.json");
        answer(200, "build-success.json");

        assertThat(provider().status(build("*", "5")))
                .isEqualTo(BuildStatus.of(State.SUCCESS, "success").withTiming(1795512601000L, 0L));
        expect("GET", "/api/v2/builds/5");
        expect("GET", "/api/v2/buildrequests/7/builds");
    }

    @Test
    void queuedRequestCancelledBeforeItGotABuildIsCanceled() throws Exception {
        answer(200, "builds-empty.json");
        answer(200, "buildrequest-cancelled.json");

        assertThat(provider().status(request("3"))).isEqualTo(BuildStatus.of(State.CANCELED, "cancelled"));
    }

    @Test
    void cancelOfARunningBuildChecksItExistsThenStopsItWithAReason() throws Exception {
        answer(200, "build-running.json");
        answer(200, "stop.json");

        provider().cancel(build("4", "1"));

        expect("GET", "/api/v2/builders/4/builds/1");
        JsonNode body = rpcBody(expect("POST", "/api/v2/builds/3"));
        assertThat(body.get("method").asText()).isEqualTo("stop");
        assertThat(body.at("/params/reason").asText()).isEqualTo(BuildbotProvider.STOP_REASON);
    }

    @Test
    void cancelOfAnUnknownBuildIsNotFoundAndSendsNoStop() throws Exception {
        // stop itself would answer 200 null for a build that does not exist
        server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain; charset=utf-8")
                .body(fixture("error-not-found.json")).build());

        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> provider().cancel(build("*", "999")));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("build 999").contains("not found while getting");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void cancelOfAQueuedBuildRequestCancelsTheRequest() throws Exception {
        answer(200, "buildrequest-queued.json");
        answer(200, "stop.json");

        provider().cancel(request("2"));

        expect("GET", "/api/v2/buildrequests/2");
        JsonNode body = rpcBody(expect("POST", "/api/v2/buildrequests/2"));
        assertThat(body.get("method").asText()).isEqualTo("cancel");
        assertThat(body.at("/params/reason").asText()).isEqualTo(BuildbotProvider.STOP_REASON);
    }

    @Test
    void cancelOfAFinishedBuildSendsNoControlCall() throws Exception {
        answer(200, "build-failed.json");

        provider().cancel(build("*", "1"));

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rebuildOfARequestThatHasNoBuildYetIsRefused() {
        answer(200, "builds-empty.json");

        assertThatThrownBy(() -> provider().restart(Attempt.first(request("2")), null))
                .isInstanceOf(ProviderException.NotRestartable.class)
                .hasMessageContaining("build request 2 has no build yet");
    }

    @Test
    void rebuildOfAFinishedRequestRebuildsItsNewestBuild() throws Exception {
        answer(200, "build-success.json");
        answer(200, "rebuild.json");

        Attempt next = provider().restart(new Attempt(request("2"), 2), RestartMode.ALL);

        assertThat(next.number()).isEqualTo(3);
        expect("GET", "/api/v2/buildrequests/2/builds");
        expect("POST", "/api/v2/builds/2");
    }

    @Test
    void missingRoleIsAnAuthErrorThatSaysHowToLogIn() {
        answer(200, "build-failed.json");
        answer(403, "error-role.json");

        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().restart(Attempt.first(build("*", "1")), RestartMode.ALL));

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("you need to have role 'admins'").contains("BUILDBOT_USER")
                .contains("/auth/login");
    }

    @Test
    void loginKeepsTheSessionCookieForEveryCallAndNeverShowsItOrThePassword() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", base() + "/#/")
                .addHeader("Set-Cookie", "TWISTED_SESSION=anonymous.jwt.value; Path=/")
                .addHeader("Set-Cookie", "TWISTED_SESSION=" + COOKIE + "; Path=/").build());
        answer(200, "build-failed.json");
        answer(403, "error-role.json"); // refused: logs in again once, then gives up
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Set-Cookie", "TWISTED_SESSION=" + COOKIE + "; Path=/")
                .build());
        answer(403, "error-role.json");

        BuildbotProvider p = loggedIn();
        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> p.restart(Attempt.first(build("*", "1")), RestartMode.ALL));

        assertThat(e.getMessage()).contains("The user admin lacks that role");
        assertNoSecret(e);
        RecordedRequest login = expect("GET", "/auth/login");
        assertThat(login.getHeaders().get("Authorization")).isEqualTo(okhttp3.Credentials.basic(USER, PASSWORD));
        assertThat(expect("GET", "/api/v2/builds/1").getHeaders().get("Cookie")).isEqualTo("TWISTED_SESSION=" + COOKIE);
        assertThat(expect("POST", "/api/v2/builds/1").getHeaders().get("Cookie")).isEqualTo("TWISTED_SESSION=" + COOKIE);
        expect("GET", "/auth/login");
        expect("POST", "/api/v2/builds/1");
    }

    @Test
    void wrongPasswordIsAnAuthErrorWithoutThePassword() {
        server.enqueue(new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "basic realm=\"buildbot\"").build());

        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> loggedIn().status(build("*", "1")));

        assertThat(e.getMessage()).contains("refused the login of user admin").contains("BUILDBOT_PASSWORD");
        assertNoSecret(e);
    }

    @Test
    void tokenCredentialsAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider(ProviderCredentials.token(Token.of("some-token-value"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no API tokens");
    }

    @Test
    void rebuildThatFailsInsideTheMasterIsNotRestartable() {
        answer(200, "build-failed.json");
        answer(500, "error-rebuild-unknown.json");

        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("*", "1")), RestartMode.ALL));

        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("rebuild of build 1").contains("TypeError");
    }

    @Test
    void methodTheMasterDoesNotSupportIsNotRestartable() {
        answer(200, "build-running.json");
        answer(501, "error-method.json");

        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().cancel(build("*", "3")));

        assertThat(e.getMessage()).contains("is not supported");
    }

    @Test
    void invalidOriginIsAnAuthErrorThatPointsAtTheProxy() {
        server.enqueue(new MockResponse.Builder().code(400).body(fixture("error-origin.json")).build());

        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().status(build("*", "1")));

        assertThat(e.getMessage()).contains("invalid origin").contains("buildbotURL");
    }

    @Test
    void malformedJsonIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"builds\":[{\"buildid\":").build());

        assertThatThrownBy(() -> provider().status(build("*", "1"))).isInstanceOf(ProviderException.BadResponse.class);
    }

    @Test
    void rebuildAnswerWithoutABuildRequestIsABadResponse() {
        answer(200, "build-failed.json");
        answer(200, "stop.json");

        assertThatThrownBy(() -> provider().restart(Attempt.first(build("*", "1")), RestartMode.ALL))
                .isInstanceOf(ProviderException.BadResponse.class).hasMessageContaining("without a build request id");
    }

    @Test
    void serverErrorsOnReadsAreRetriedThenTransient() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        }

        assertThatThrownBy(() -> provider().status(build("*", "1"))).isInstanceOf(ProviderException.Transient.class);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void droppedConnectionDuringARebuildIsTransientAndNotRepeated() {
        answer(200, "build-failed.json");
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

        ProviderException.Transient e = catchThrowableOfType(ProviderException.Transient.class,
                () -> provider().restart(Attempt.first(build("*", "1")), RestartMode.ALL));

        assertThat(e.httpStatus()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void onlyTheRebuildModeIsOffered() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("*", "1")), RestartMode.FAILED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supported: all");
    }
}
