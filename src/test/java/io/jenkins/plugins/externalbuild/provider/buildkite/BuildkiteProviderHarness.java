package io.jenkins.plugins.externalbuild.provider.buildkite;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.MockServerHarness;
import io.jenkins.plugins.externalbuild.provider.MutableClock;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The mock server, fixtures, clock and assertions that the Buildkite provider tests share; the fixtures' sources
 * are in the fixture README.
 */
abstract class BuildkiteProviderHarness extends MockServerHarness {

    static final String TOKEN = "bkua_0123456789abcdef0123456789abcdef01234567";
    static final String PROJECT = "acme/web-app";
    static final String BUILDS = "/v2/organizations/acme/pipelines/web-app/builds";
    static final String FAILED_JOB = "0190f1a2-2222-4aaa-8bbb-000000000002";
    static final String NEW_JOB = "0190f1a2-4444-4aaa-8bbb-000000000004";

    final BuildkiteProviderType type = new BuildkiteProviderType();
    final MutableClock clock = new MutableClock(Instant.parse("2024-05-14T10:05:00Z"));

    BuildkiteProviderHarness() {
        super(TOKEN);
    }

    @Override
    protected Clock clock() {
        return clock;
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
        return answer(code, "application/json", fixture(fixture));
    }

    /** Asserts the request line and the authentication of the next request, and returns it. */
    RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = nextRequest(method, target);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        return request;
    }

    <T extends ProviderException> T fails(Class<T> type, ThrowingCallable call) {
        T e = caught(type, call);
        assertThat(e.provider()).isEqualTo("buildkite");
        return e;
    }
}
