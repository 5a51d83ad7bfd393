package io.jenkins.plugins.externalbuild.provider.azure;

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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mock server, fixtures and assertions that the Azure DevOps provider tests share; the fixtures' sources are
 * in the fixture README.
 */
abstract class AzureDevOpsProviderHarness {

    static final String TOKEN = "azdopat7x2k9qm4vtrw8yb3nc6hf5jd0gsle1uo2pia4zxkw7bv9q";
    static final String BASIC = Base64.getEncoder().encodeToString((":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    static final String PROJECT = "fabrikam/Fabrikam-Fiber";
    static final String API = "/fabrikam/Fabrikam-Fiber/_apis";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T10:00:00Z"), ZoneOffset.UTC);

    @StartStop
    final MockWebServer server = new MockWebServer();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    final List<Duration> pauses = new ArrayList<>();
    final AzureDevOpsProviderType type = new AzureDevOpsProviderType();

    ProviderContext context() {
        return ProviderTestSupport.context(pauses::add, CLOCK);
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
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8; api-version=7.1")
                .body(fixture(fixture)).build();
    }

    /** Asserts the request line and the Basic authentication of the next request, and returns it. */
    RecordedRequest expect(String method, String target) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a %s %s request", method, target).isNotNull();
        assertThat(request.getRequestLine()).isEqualTo(method + " " + target + " HTTP/1.1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + BASIC);
        return request;
    }

    void assertTokenAbsent(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String secret : List.of(TOKEN, BASIC)) {
            assertThat(e.getMessage()).doesNotContain(secret);
            assertThat(e.toString()).doesNotContain(secret);
            assertThat(trace.toString()).doesNotContain(secret);
            assertThat(logs.text()).doesNotContain(secret);
        }
    }

    <T extends ProviderException> T statusFails(Class<T> expected) {
        T e = catchThrowableOfType(expected, () -> provider().status(build("1234")));
        assertThat(e).as("expected %s", expected.getSimpleName()).isNotNull();
        assertThat(e.provider()).isEqualTo("azure");
        assertTokenAbsent(e);
        return e;
    }
}
