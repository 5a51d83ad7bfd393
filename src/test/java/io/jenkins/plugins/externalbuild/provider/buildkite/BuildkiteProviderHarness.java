package io.jenkins.plugins.externalbuild.provider.buildkite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mock server, fixtures, clock and assertions that the Buildkite provider tests share; the fixtures' sources
 * are in the fixture README.
 */
abstract class BuildkiteProviderHarness {

    static final String TOKEN = "bkua_0123456789abcdef0123456789abcdef01234567";
    static final String PROJECT = "acme/web-app";
    static final String BUILDS = "/v2/organizations/acme/pipelines/web-app/builds";
    static final String FAILED_JOB = "0190f1a2-2222-4aaa-8bbb-000000000002";
    static final String NEW_JOB = "0190f1a2-4444-4aaa-8bbb-000000000004";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    final List<Duration> pauses = new ArrayList<>();
    final BuildkiteProviderType type = new BuildkiteProviderType();
    final MutableClock clock = new MutableClock(Instant.parse("2024-05-14T10:05:00Z"));

    ProviderContext context() {
        return ProviderTestSupport.context(pauses::add, clock);
    }

    Provider provider() {
        return provider(context());
    }

    Provider provider(ProviderContext context) {
        ConnectionSettings settings = new ConnectionSettings(server.url("/v2/").uri(), ProviderCredentials.token(Token.of(TOKEN)),
                Map.of());
        return type.connect(settings, context);
    }

    BuildRef build(String number) {
        return type.fromCoordinates(null, PROJECT, "build", number);
    }

    BuildRef jobUrl(String job) {
        return type.parseUrl(URI.create("https://buildkite.com/acme/web-app/builds/42#" + job)).orElseThrow();
    }

    String fixture(String name) {
        return ProviderTestSupport.fixture(BuildkiteProviderTest.class, name);
    }

    MockResponse answer(int code, String fixture) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(fixture(fixture)).build();
    }

    /** Asserts the request line and the authentication of the next request, and returns it. */
    RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a %s %s request", method, target).isNotNull();
        assertThat(request.getRequestLine()).isEqualTo(method + " " + target + " HTTP/1.1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        return request;
    }

    void assertTokenAbsent(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(e.getMessage()).doesNotContain(TOKEN);
        assertThat(e.toString()).doesNotContain(TOKEN);
        assertThat(trace.toString()).doesNotContain(TOKEN);
        assertThat(logs.text()).doesNotContain(TOKEN);
    }

    <T extends ProviderException> T fails(Class<T> type, ThrowingCall call) {
        T e = catchThrowableOfType(type, call::run);
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.provider()).isEqualTo("buildkite");
        assertTokenAbsent(e);
        return e;
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
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
