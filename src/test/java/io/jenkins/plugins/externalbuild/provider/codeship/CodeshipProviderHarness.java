package io.jenkins.plugins.externalbuild.provider.codeship;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
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

/**
 * The mock server, fixtures, clock, log capture and assertions that the Codeship provider tests share; the
 * fixtures' sources are in CodeshipProviderTest and the fixture README.
 */
abstract class CodeshipProviderHarness {

    static final String USER = "bot@externalbuild.example";
    static final String PASSWORD = "Pa55-word-secret-4711";
    static final String ACCESS_TOKEN =
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJleHBpcmVzIjoxNzAwMDAzNjAwfQ.externalbuild-test-signature";
    static final String API_KEY = "v1-apikey-0123456789abcdef";
    static final String ORG = "0c1e6f2a-5b7d-4e1f-9a3c-2d4e6f8a0b1c";
    static final String BASIC = "1a2b3c4d-0000-4000-8000-00000000b001";
    static final String PRO = "1a2b3c4d-0000-4000-8000-00000000a001";
    static final String TESTING = "2b3c4d5e-1111-4111-8111-000000000001";
    static final String SUCCESS = "2b3c4d5e-1111-4111-8111-000000000002";
    static final String ERROR = "2b3c4d5e-1111-4111-8111-000000000003";
    /** auth.json's expires_at. */
    static final Instant EXPIRES = Instant.ofEpochSecond(1700003600);

    @StartStop
    final MockWebServer server = new MockWebServer();

    final List<Duration> pauses = new ArrayList<>();
    final List<LogRecord> logs = new ArrayList<>();
    final Logger root = Logger.getLogger("io.jenkins.plugins.externalbuild");
    final Handler capture = new Handler() {
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
    Level oldLevel;
    MutableClock clock = new MutableClock(EXPIRES.minus(Duration.ofHours(1)));

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

    ProviderContext context() {
        HttpTransport.Settings settings = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024 * 1024, 2, Duration.ofMillis(10));
        return new ProviderContext(HttpTransport.clientBuilder(settings).build(), settings, pauses::add, clock);
    }

    CodeshipProvider v2() {
        return (CodeshipProvider) new CodeshipProviderType().connect(new ConnectionSettings(server.url("/v2").uri(),
                new ProviderCredentials.UsernamePassword(USER, Token.of(PASSWORD)), Map.of()), context());
    }

    CodeshipProvider v1() {
        return (CodeshipProvider) new CodeshipProviderType().connect(new ConnectionSettings(server.url("/api/v1").uri(),
                ProviderCredentials.token(Token.of(API_KEY)), Map.of()), context());
    }

    static BuildRef ref(String project, String build) {
        return new CodeshipProviderType().fromCoordinates(null, project, "build", build);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = CodeshipProviderHarness.class.getResourceAsStream("CodeshipProviderTest/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    void answerFixture(int code, String name) throws IOException {
        answer(code, fixture(name));
    }

    void authOk() throws IOException {
        answerFixture(200, "auth.json");
    }

    void accepted() {
        server.enqueue(new MockResponse.Builder().code(202).build());
    }

    void rateLimited() {
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 403 Rate Limit Exceeded").build());
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(r).as("a request was sent").isNotNull();
        return r;
    }

    static String buildPath(String project, String build) {
        return "/v2/organizations/" + ORG + "/projects/" + project + "/builds/" + build;
    }

    /** The secrets never show: not in the message, not in toString(), not in any log record. */
    void assertNoSecret(Throwable e) {
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

    ProviderException failure(ThrowingCall call) {
        try {
            call.run();
        } catch (ProviderException e) {
            assertNoSecret(e);
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws ProviderException;
    }

    static final class MutableClock extends Clock {
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

    /** The build object of a {"build": {...}} fixture. */
    static String build(String envelope) {
        String s = envelope.strip();
        return s.substring(s.indexOf('{', 1), s.lastIndexOf('}')).strip();
    }
}
