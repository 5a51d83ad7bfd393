package io.jenkins.plugins.externalbuild.provider.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
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
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mock server, fixtures and assertions that the GitHub Actions provider tests share; the fixtures' sources are
 * in the fixture README.
 */
abstract class GitHubActionsProviderHarness {

    static final String TOKEN = "github_pat_11ABCDEFG0T3stT0kenValue_xyz123456789";
    static final String SERVER = "https://github.com";
    static final String PROJECT = "octo-org/octo-repo";
    static final String RUNS = "/repos/octo-org/octo-repo/actions/runs/30433642";
    /** A day after the fixtures' run was created. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T10:00:00Z"), ZoneOffset.UTC);

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    final List<Duration> pauses = new ArrayList<>();
    final GitHubActionsProviderType type = new GitHubActionsProviderType();

    ProviderContext context() {
        return ProviderTestSupport.context(pauses::add, CLOCK);
    }

    Provider provider() {
        return provider(server.url("/").uri(), ProviderCredentials.token(Token.of(TOKEN)));
    }

    Provider provider(URI apiBase, ProviderCredentials credentials) {
        return type.connect(new ConnectionSettings(apiBase, credentials, null), context());
    }

    BuildRef run() {
        return type.fromCoordinates(SERVER, PROJECT, "run", "30433642");
    }

    BuildRef job() {
        return type.fromCoordinates(SERVER, PROJECT, "job", "30433642/399444496");
    }

    String fixture(String name) {
        return ProviderTestSupport.fixture(GitHubActionsProviderTest.class, name);
    }

    MockResponse answer(int code, String fixture) {
        return json(code, fixture(fixture));
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }

    /** POST answers of the re-run and cancel operations: an empty JSON object. */
    static MockResponse empty(int code) {
        return json(code, "{}");
    }

    /** Asserts the request line and the documented headers of the next request, and returns it. */
    RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a %s %s request", method, target).isNotNull();
        assertThat(request.getRequestLine()).isEqualTo(method + " " + target + " HTTP/1.1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
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

    <T extends ProviderException> T statusFails(Class<T> kind) {
        T e = catchThrowableOfType(kind, () -> provider().status(run()));
        assertThat(e).as("expected %s", kind.getSimpleName()).isNotNull();
        assertThat(e.provider()).isEqualTo("github");
        assertTokenAbsent(e);
        return e;
    }

    <T extends ProviderException> T restartFails(Class<T> kind, RestartMode mode) {
        T e = catchThrowableOfType(kind, () -> provider().restart(Attempt.first(run()), mode));
        assertThat(e).as("expected %s", kind.getSimpleName()).isNotNull();
        assertTokenAbsent(e);
        return e;
    }

    String runWith(String fixture, String field, String from, String to) {
        String body = fixture(fixture).replace("\"" + field + "\": " + from, "\"" + field + "\": " + to);
        assertThat(body).contains("\"" + field + "\": " + to);
        return body;
    }
}
