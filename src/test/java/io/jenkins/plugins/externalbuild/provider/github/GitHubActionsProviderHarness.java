package io.jenkins.plugins.externalbuild.provider.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.MockServerHarness;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The mock server, fixtures and assertions that the GitHub Actions provider tests share; the fixtures' sources are
 * in the fixture README.
 */
abstract class GitHubActionsProviderHarness extends MockServerHarness {

    static final String TOKEN = "github_pat_11ABCDEFG0T3stT0kenValue_xyz123456789";
    static final String SERVER = "https://github.com";
    static final String PROJECT = "octo-org/octo-repo";
    static final String RUNS = "/repos/octo-org/octo-repo/actions/runs/30433642";
    /** A day after the fixtures' run was created. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T10:00:00Z"), ZoneOffset.UTC);

    final GitHubActionsProviderType type = new GitHubActionsProviderType();

    GitHubActionsProviderHarness() {
        super(CLOCK, TOKEN);
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
        return answer(code, "application/json; charset=utf-8", body);
    }

    /** POST answers of the re-run and cancel operations: an empty JSON object. */
    static MockResponse empty(int code) {
        return json(code, "{}");
    }

    /** Asserts the request line and the documented headers of the next request, and returns it. */
    RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = nextRequest(method, target);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        return request;
    }

    <T extends ProviderException> T statusFails(Class<T> kind) {
        T e = caught(kind, () -> provider().status(run()));
        assertThat(e.provider()).isEqualTo("github");
        return e;
    }

    <T extends ProviderException> T restartFails(Class<T> kind, RestartMode mode) {
        return caught(kind, () -> provider().restart(Attempt.first(run()), mode));
    }

    String runWith(String fixture, String field, String from, String to) {
        String body = fixture(fixture).replace("\"" + field + "\": " + from, "\"" + field + "\": " + to);
        assertThat(body).contains("\"" + field + "\": " + to);
        return body;
    }
}
