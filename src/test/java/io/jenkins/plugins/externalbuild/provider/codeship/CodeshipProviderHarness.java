package io.jenkins.plugins.externalbuild.provider.codeship;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.MockServerHarness;
import io.jenkins.plugins.externalbuild.provider.MutableClock;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The mock server, fixtures, clock, log capture and assertions that the Codeship provider tests share; the
 * fixtures' sources are in CodeshipProviderTest and the fixture README.
 */
abstract class CodeshipProviderHarness extends MockServerHarness {

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

    final MutableClock clock = new MutableClock(EXPIRES.minus(Duration.ofHours(1)));

    CodeshipProviderHarness() {
        super(PASSWORD, ACCESS_TOKEN, API_KEY);
    }

    /** Retries after 10 ms, read within 2 s. */
    @Override
    protected ProviderContext context() {
        return ProviderTestSupport.shortContext(pauses::add, clock, Duration.ofMillis(10));
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

    static String fixture(String name) {
        return ProviderTestSupport.fixture(CodeshipProviderTest.class, name);
    }

    void answer(int code, String body) {
        server.enqueue(answer(code, "application/json", body));
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

    ProviderException failure(ThrowingCall call) {
        try {
            call.run();
        } catch (ProviderException e) {
            assertTokenAbsent(e);
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws ProviderException;
    }

    /** The build object of a {"build": {...}} fixture. */
    static String build(String envelope) {
        String s = envelope.strip();
        return s.substring(s.indexOf('{', 1), s.lastIndexOf('}')).strip();
    }
}
