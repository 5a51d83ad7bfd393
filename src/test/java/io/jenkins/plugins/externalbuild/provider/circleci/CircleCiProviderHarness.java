package io.jenkins.plugins.externalbuild.provider.circleci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.MockServerHarness;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.IOException;
import java.net.URI;
import mockwebserver3.RecordedRequest;

/**
 * The mock server, fixtures and assertions that the CircleCI provider tests share. The fixtures are shaped as the
 * API v2 OpenAPI document's schemas (their README names the sources); every request carries the {@code Circle-Token}
 * header.
 */
abstract class CircleCiProviderHarness extends MockServerHarness {

    static final String TOKEN = "CCIPAT_4aZ9xY8wV7uT6sR5qP4oN3mL2kJ1_0123456789abcdef0123456789abcdef01234567";
    static final String WF = "fda08377-fe7e-46b1-8992-3a7aaecac9c3";
    static final String NEW_WF = "0e53027b-521a-4c40-9042-47e72b3c63a3";
    static final String SLUG = "gh/CircleCI-Public/api-preview-docs";
    static final String WEB = "https://app.circleci.com/pipelines/github/CircleCI-Public/api-preview-docs/130/workflows/";

    final CircleCiProviderType type = new CircleCiProviderType();

    CircleCiProviderHarness() {
        super(TOKEN);
    }

    CircleCiProvider provider(ProviderCredentials credentials) {
        URI api = server.url("/api/v2").uri();
        return (CircleCiProvider) type.connect(new ConnectionSettings(api, credentials, null), context());
    }

    CircleCiProvider provider() {
        return provider(ProviderCredentials.token(Token.of(TOKEN)));
    }

    BuildRef workflow() {
        return type.parseUrl(URI.create(WEB + WF)).orElseThrow();
    }

    BuildRef job(long number) {
        return type.parseUrl(URI.create(WEB + WF + "/jobs/" + number)).orElseThrow();
    }

    String fixture(String name) {
        return ProviderTestSupport.fixture(CircleCiProviderTest.class, name);
    }

    void answer(int code, String fixture) {
        server.enqueue(answer(code, "application/json; charset=utf-8", fixture(fixture)));
    }

    /** Asserts the request line and the documented headers of the next request, and returns it. */
    RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = nextRequest(method, target);
        assertThat(request.getHeaders().get("Circle-Token")).isEqualTo(TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        return request;
    }

    static JsonNode body(RecordedRequest request) throws IOException {
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        return Json.MAPPER.readTree(request.getBody().utf8());
    }
}
