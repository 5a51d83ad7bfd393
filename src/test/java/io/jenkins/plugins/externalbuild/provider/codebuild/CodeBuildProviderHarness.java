package io.jenkins.plugins.externalbuild.provider.codebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.MockServerHarness;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The mock server, fixtures, log capture and assertions that the AWS CodeBuild provider tests share; the fixtures'
 * sources are in the fixture README.
 */
abstract class CodeBuildProviderHarness extends MockServerHarness {

    static final String KEY_ID = "AKIDEXAMPLE0000TEST1";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYsecretKEY1";
    static final String SESSION = "FQoGZXIvYXdzEXAMPLEsessionTOKENvalue0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    static final String RUNNING = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e01";
    static final String PROVISIONING = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e05";
    static final String FAILED = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e03";
    static final String SUCCEEDED = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e02";
    static final String RETRIED = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e04";
    static final String MISSING = "externalbuild-demo:00000000-0000-4000-8000-000000000000";
    static final String BATCH = "externalbuild-demo:b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c01";

    final List<String> signatures = new ArrayList<>();

    CodeBuildProviderHarness() {
        super(SECRET, SESSION, KEY_ID);
    }

    /** The keys, and every request signature sent so far. */
    @Override
    protected List<String> secrets() {
        List<String> secrets = new ArrayList<>(super.secrets());
        secrets.addAll(signatures);
        return secrets;
    }

    /** Retries after 1 ms without pausing, read within 2 s, the clock fixed at {@link #NOW}. */
    @Override
    protected ProviderContext context() {
        return ProviderTestSupport.shortContext(d -> { }, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(1));
    }

    CodeBuildProvider provider(ProviderCredentials credentials) {
        return (CodeBuildProvider) new CodeBuildProviderType().connect(
                new ConnectionSettings(server.url("/").uri(), credentials, Map.of()), context());
    }

    CodeBuildProvider provider() {
        return provider(ProviderCredentials.Aws.keys(KEY_ID, Token.of(SECRET), Token.of(SESSION), null));
    }

    static BuildRef build(String id) {
        return new CodeBuildProviderType().fromCoordinates("us-east-1", null, "build", id);
    }

    static BuildRef batch(String id) {
        return new CodeBuildProviderType().fromCoordinates("us-east-1", null, "batch", id);
    }

    static String fixture(String name) {
        return ProviderTestSupport.fixture(CodeBuildProviderTest.class, name);
    }

    void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code)
                .setHeader("Content-Type", "application/x-amz-json-1.1")
                .setHeader("X-Amzn-RequestId", "0b7e8f1c-1d2e-4f3a-9b8c-7d6e5f4a3b21")
                .body(body).build());
    }

    RecordedRequest take(String operation) throws InterruptedException {
        RecordedRequest request = server.takeRequest();
        assertThat(request.getRequestLine()).isEqualTo("POST / HTTP/1.1");
        assertThat(request.getHeaders().get("X-Amz-Target")).isEqualTo("CodeBuild_20161006." + operation);
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        String authorization = request.getHeaders().get("Authorization");
        assertThat(authorization).matches("AWS4-HMAC-SHA256 Credential=" + KEY_ID
                + "/20261124/us-east-1/codebuild/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}");
        assertThat(authorization).contains("content-type").contains("host").contains("x-amz-date")
                .contains("x-amz-target").contains("x-amz-security-token");
        assertThat(request.getHeaders().get("X-Amz-Date")).isEqualTo("20261124T120000Z");
        assertThat(request.getHeaders().get("X-Amz-Security-Token")).isEqualTo(SESSION);
        signatures.add(authorization.substring(authorization.indexOf("Signature=") + "Signature=".length()));
        return request;
    }

    static JsonNode body(RecordedRequest request) throws IOException {
        return Json.MAPPER.readTree(request.getBody().utf8());
    }
}
