package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.FailureKind;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpTransportTest {

    private static final String TOKEN = "s3cr3t-Tok3n-4b5c6d7e8f";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T10:00:00Z"), ZoneOffset.UTC);
    private static final HttpTransport.Settings SETTINGS = new HttpTransport.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), 64 * 1024, 2, Duration.ofMillis(500));
    private static final HttpTransport.Settings NO_RETRIES = new HttpTransport.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), 64 * 1024, 0, Duration.ofMillis(500));

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<Duration> pauses = new ArrayList<>();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private HttpTransport transport(HttpTransport.Settings settings) {
        return new HttpTransport(HttpTransport.clientBuilder(settings).build(), "test", "Test CI",
                Redactor.of(List.of(Token.of(TOKEN))), settings, pauses::add, CLOCK);
    }

    /** A request carrying the token both ways providers send one: a header, and Codeship v1's api_key parameter. */
    private Request request(String method) {
        HttpUrl url = server.url("/api/builds/8").newBuilder().addQueryParameter("api_key", TOKEN).build();
        Request.Builder b = new Request.Builder().url(url).header("PRIVATE-TOKEN", TOKEN);
        return "POST".equals(method) ? b.post(RequestBody.create(new byte[0])).build() : b.get().build();
    }

    private <T extends ProviderException> T failure(Class<T> type, HttpTransport transport, String method) {
        T e = catchThrowableOfType(type, () -> transport.expectSuccess(request(method), "build 8 of g/p"));
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertTokenAbsent(e);
        return e;
    }

    private void assertTokenAbsent(ProviderException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(e.getMessage()).doesNotContain(TOKEN);
        assertThat(e.toString()).doesNotContain(TOKEN);
        assertThat(trace.toString()).doesNotContain(TOKEN);
        assertThat(logs.text()).doesNotContain(TOKEN);
    }

    private static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    @Test
    void userAgentNamesUsAndOurVersion() throws Exception {
        server.enqueue(status(200, "{}"));
        transport(SETTINGS).expectSuccess(request("GET"), "");
        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getHeaders().get("User-Agent")).startsWith("external-build/").contains("(Java ");
        assertThat(recorded.getHeaders().get("PRIVATE-TOKEN")).isEqualTo(TOKEN);
        assertThat(recorded.getUrl().queryParameter("api_key")).isEqualTo(TOKEN);
    }

    @Test
    void successfulAnswerIsReadWholeAndLoggedWithoutTheToken() throws Exception {
        server.enqueue(status(200, "{\"id\":8}"));
        HttpResponse r = transport(SETTINGS).expectSuccess(request("GET"), "");
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\":8}");
        assertThat(r.receivedAt()).isEqualTo(CLOCK.instant());
        assertThat(r.toString()).doesNotContain(TOKEN, "api_key");
        assertThat(logs.text()).contains("GET ", "/api/builds/8?api_key=██", "-> 200").doesNotContain(TOKEN);
    }

    @Test
    void unauthorizedIsAnAuthErrorWithoutTheToken() {
        server.enqueue(status(401, "{\"message\":\"401 Unauthorized\"}"));
        ProviderException e = failure(ProviderException.AuthError.class, transport(SETTINGS), "GET");
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.provider()).isEqualTo("test");
        assertThat(e.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(e.getMessage()).contains("Test CI answered 401 for build 8 of g/p", "401 Unauthorized", "api_key=██",
                "credentials were rejected");
        assertThat(logs.text()).contains("-> 401");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void forbiddenIsAnAuthErrorSayingAPermissionIsMissing() {
        server.enqueue(status(403, "{\"message\":\"403 Forbidden\"}"));
        ProviderException e = failure(ProviderException.AuthError.class, transport(SETTINGS), "GET");
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("lack a permission");
    }

    @Test
    void notFoundIsNotFound() {
        server.enqueue(status(404, "{\"message\":\"404 Not found\"}"));
        ProviderException e = failure(ProviderException.NotFound.class, transport(SETTINGS), "GET");
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(e.getMessage()).contains("404 Not found", "Check the URL");
    }

    @Test
    void tooManyRequestsIsRateLimitedWithTheDelayAsked() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "30").body("Retry later").build());
        ProviderException.RateLimited e = failure(ProviderException.RateLimited.class, transport(SETTINGS), "GET");
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.getMessage()).contains("Retry later", "Retry after 30 s.");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitResetIsMeasuredFromTheServersDateHeader() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Date", "Tue, 05 Jan 2021 10:59:00 GMT")
                .setHeader("RateLimit-Reset", "1609844400").body("Retry later").build());
        ProviderException.RateLimited e = failure(ProviderException.RateLimited.class, transport(SETTINGS), "GET");
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
    }

    @Test
    void serverErrorIsTransientAndNotRetried() {
        server.enqueue(status(500, "{\"message\":\"500 Internal Server Error\"}"));
        ProviderException e = failure(ProviderException.Transient.class, transport(SETTINGS), "GET");
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void unavailableOnEveryTryIsTransientAfterAllRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(status(503, "down for maintenance"));
        }
        ProviderException e = failure(ProviderException.Transient.class, transport(SETTINGS), "GET");
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("503", "down for maintenance");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void getIsRetriedOnUnavailableThenSucceeds() throws Exception {
        server.enqueue(status(503, ""));
        server.enqueue(status(502, ""));
        server.enqueue(status(200, "{\"ok\":true}"));
        HttpResponse r = transport(SETTINGS).expectSuccess(request("GET"), "");
        assertThat(r.body()).isEqualTo("{\"ok\":true}");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void getIsRetriedAfterADroppedConnection() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(status(200, "{}"));
        HttpResponse r = transport(SETTINGS).expectSuccess(request("GET"), "");
        assertThat(r.code()).isEqualTo(200);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(pauses).isEmpty(); // a broken connection: sent again at once, on another one (StaleConnections)
    }

    @Test
    void postIsNeverRetried() {
        server.enqueue(status(503, ""));
        server.enqueue(status(201, "{}"));
        ProviderException e = failure(ProviderException.Transient.class, transport(SETTINGS), "POST");
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void postIsNeverRetriedAfterADroppedConnectionEither() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(status(201, "{}"));
        ProviderException e = failure(ProviderException.Transient.class, transport(SETTINGS), "POST");
        assertThat(e.httpStatus()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void droppedConnectionIsTransientWithoutAStatus() {
        for (int i = 0; i <= StaleConnections.RETRIES; i++) {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        }
        ProviderException e = failure(ProviderException.Transient.class, transport(NO_RETRIES), "GET");
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).startsWith("Could not reach Test CI: GET ").contains("api_key=██");
        assertThat(server.getRequestCount()).isEqualTo(1 + StaleConnections.RETRIES);
    }

    @Test
    void bodyLargerThanTheLimitIsABadResponse() {
        HttpTransport.Settings small = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1024, 2, Duration.ofMillis(500));
        server.enqueue(status(200, "x".repeat(4096)));
        ProviderException e = failure(ProviderException.BadResponse.class, transport(small), "GET");
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.kind()).isEqualTo(FailureKind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("more than 1024 bytes");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void bodyOfExactlyTheLimitIsRead() throws Exception {
        HttpTransport.Settings small = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1024, 0, Duration.ofMillis(500));
        server.enqueue(status(200, "y".repeat(1024)));
        assertThat(transport(small).expectSuccess(request("GET"), "").body()).hasSize(1024);
    }

    @Test
    void readTimeoutIsTransient() {
        HttpTransport.Settings quick = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofMillis(200),
                Duration.ofSeconds(10), 64 * 1024, 0, Duration.ofMillis(500));
        server.enqueue(new MockResponse.Builder().code(200).body("{\"late\":true}").bodyDelay(2, TimeUnit.SECONDS).build());
        ProviderException e = failure(ProviderException.Transient.class, transport(quick), "GET");
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("did not answer in time");
    }

    @Test
    void interruptedRetryPauseIsTransientAndKeepsTheInterrupt() {
        HttpTransport interrupting = new HttpTransport(HttpTransport.clientBuilder(SETTINGS).build(), "test", "Test CI",
                Redactor.of(List.of(Token.of(TOKEN))), SETTINGS, d -> {
                    throw new InterruptedException();
                }, CLOCK);
        server.enqueue(status(503, ""));
        ProviderException e = failure(ProviderException.Transient.class, interrupting, "GET");
        assertThat(e.getMessage()).contains("interrupted");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void tokenEchoedByTheServerIsRedactedFromTheMessage() {
        server.enqueue(status(400, "{\"message\":\"bad api_key " + TOKEN + "\"}"));
        ProviderException e = failure(ProviderException.BadResponse.class, transport(SETTINGS), "GET");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("bad api_key ██");
    }

    @Test
    void excerptIsShortAndOnOneLine() {
        String body = "line one\nline two\t" + "z".repeat(500);
        String excerpt = transport(SETTINGS).excerpt(body);
        assertThat(excerpt).startsWith("line one line two ").endsWith("…").hasSize(201).doesNotContain("\n");
        assertThat(transport(SETTINGS).excerpt(" ")).isEmpty();
        assertThat(transport(SETTINGS).excerpt("{\"error\":\"no such thing\"}")).isEqualTo("no such thing");
    }

    @Test
    void withSecretAlsoRedactsASessionToken() {
        server.enqueue(status(404, "{\"message\":\"session sess-ABCDEF123456 unknown\"}"));
        HttpTransport t = transport(SETTINGS).withSecret(Token.of("sess-ABCDEF123456"));
        ProviderException e = catchThrowableOfType(ProviderException.NotFound.class, () -> t.expectSuccess(request("GET"), ""));
        assertThat(e.getMessage()).contains("session ██ unknown").doesNotContain("sess-ABCDEF123456");
    }
}
