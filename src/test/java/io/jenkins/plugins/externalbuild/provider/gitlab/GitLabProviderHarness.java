package io.jenkins.plugins.externalbuild.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.MockServerHarness;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The mock server, fixtures and assertions that the GitLab provider tests share; the fixtures' sources are in the
 * fixture README.
 */
abstract class GitLabProviderHarness extends MockServerHarness {

    static final String TOKEN = "glpat-T3stT0kenValue-xyz1";
    static final String SERVER = "https://gitlab.example.com";
    static final String PROJECT = "group/sub/app";
    static final String SHA = "0ff3ae198f8601a285adcf5c0fff204ee6fba5fd";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T10:00:00Z"), ZoneOffset.UTC);

    final GitLabProviderType type = new GitLabProviderType();

    GitLabProviderHarness() {
        super(CLOCK, TOKEN);
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
        return answer(code, "application/json", fixture(fixture));
    }

    /** Asserts the request line and the authentication of the next request, and returns it. */
    RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = nextRequest(method, target);
        assertThat(request.getHeaders().get("PRIVATE-TOKEN")).isEqualTo(TOKEN);
        return request;
    }

    <T extends ProviderException> T statusFails(Class<T> type, BuildRef ref) {
        T e = caught(type, () -> provider().status(ref));
        assertThat(e.provider()).isEqualTo("gitlab");
        return e;
    }
}
