package io.jenkins.plugins.externalbuild.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.MockServerHarness;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The mock server, fixtures and assertions that the Azure DevOps provider tests share; the fixtures' sources are
 * in the fixture README.
 */
abstract class AzureDevOpsProviderHarness extends MockServerHarness {

    static final String TOKEN = "azdopat7x2k9qm4vtrw8yb3nc6hf5jd0gsle1uo2pia4zxkw7bv9q";
    static final String BASIC = Base64.getEncoder().encodeToString((":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    static final String PROJECT = "fabrikam/Fabrikam-Fiber";
    static final String API = "/fabrikam/Fabrikam-Fiber/_apis";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T10:00:00Z"), ZoneOffset.UTC);

    final AzureDevOpsProviderType type = new AzureDevOpsProviderType();

    AzureDevOpsProviderHarness() {
        super(CLOCK, TOKEN, BASIC);
    }

    Provider provider() {
        return connect(server.url(API).uri(), ProviderCredentials.token(Token.of(TOKEN)));
    }

    Provider connect(URI apiBase, ProviderCredentials credentials) {
        return type.connect(new ConnectionSettings(apiBase, credentials, Map.of()), context());
    }

    BuildRef build(String id) {
        return type.fromCoordinates("https://dev.azure.com", PROJECT, "build", id);
    }

    String fixture(String name) {
        return ProviderTestSupport.fixture(AzureDevOpsProviderTest.class, name);
    }

    MockResponse answer(int code, String fixture) {
        return answer(code, "application/json; charset=utf-8; api-version=7.1", fixture(fixture));
    }

    /** Asserts the request line and the Basic authentication of the next request, and returns it. */
    RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = nextRequest(method, target);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + BASIC);
        return request;
    }

    <T extends ProviderException> T statusFails(Class<T> expected) {
        T e = caught(expected, () -> provider().status(build("1234")));
        assertThat(e.provider()).isEqualTo("azure");
        return e;
    }
}
