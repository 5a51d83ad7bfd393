package io.jenkins.plugins.externalbuild.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.LogCapture;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mock server, fixtures and assertions that the GitLab provider tests share; the fixtures' sources are in the
 * fixture README.
 */
abstract class GitLabProviderHarness {

    static final String TOKEN = "glpat-T3stT0kenValue-xyz1";
    static final String SERVER = "https://gitlab.example.com";
    static final String PROJECT = "group/sub/app";
    static final String SHA = "0ff3ae198f8601a285adcf5c0fff204ee6fba5fd";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T10:00:00Z"), ZoneOffset.UTC);

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    final List<Duration> pauses = new ArrayList<>();
    final GitLabProviderType type = new GitLabProviderType();

    ProviderContext context() {
        return ProviderTestSupport.context(pauses::add, CLOCK);
    }

    GitLabProvider provider() {
        return provider(server.url("/api/v4/").uri(), Map.of());
    }

    GitLabProvider v3() {
        return provider(server.url("/api/v3/").uri(), Map.of("apiVersion", "3"));
    }

    GitLabProvider provider(URI apiBase, Map<String, String> options) {
        ConnectionSettings settings = new ConnectionSettings(apiBase, ProviderCredentials.token(Token.of(TOKEN)), options);
        return (GitLabProvider) type.connect(settings, context());
    }

    BuildRef job(String id) {
        return type.fromCoordinates(SERVER, PROJECT, "job", id);
    }

    BuildRef pipeline(String id) {
        return type.fromCoordinates(SERVER, PROJECT, "pipeline", id);
    }

    String fixture(String name) {
        return ProviderTestSupport.fixture(GitLabProviderTest.class, name);
    }

    MockResponse answer(int code, String fixture) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(fixture(fixture)).build();
    }

    /** Asserts the request line and the authentication of the next request, and returns it. */
    RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a %s %s request", method, target).isNotNull();
        assertThat(request.getRequestLine()).isEqualTo(method + " " + target + " HTTP/1.1");
        assertThat(request.getHeaders().get("PRIVATE-TOKEN")).isEqualTo(TOKEN);
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

    <T extends ProviderException> T statusFails(Class<T> type, BuildRef ref) {
        T e = catchThrowableOfType(type, () -> provider().status(ref));
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.provider()).isEqualTo("gitlab");
        assertTokenAbsent(e);
        return e;
    }
}
