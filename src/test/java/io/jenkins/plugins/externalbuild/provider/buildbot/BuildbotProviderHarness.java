package io.jenkins.plugins.externalbuild.provider.buildbot;

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
import mockwebserver3.RecordedRequest;

/**
 * The mock server, fixtures and assertions that the Buildbot provider tests share. The fixtures are Buildbot 3.7.0's
 * data API v2 answers recorded on a real master (their README names each request); requests follow Buildbot's
 * {@code master/docs/developer/rest.rst}: reads with {@code Accept: application/json}, control calls as JSON-RPC 2.0
 * POSTs.
 */
abstract class BuildbotProviderHarness extends MockServerHarness {

    static final String USER = "admin";
    static final String PASSWORD = "s3cret-Buildbot-pass";
    static final String COOKIE = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2luZm8iOnsidXNlcm5hbWUiOiJhZG1pbiJ9fQ.c2lnbmF0dXJlLXZhbHVl";

    final BuildbotProviderType type = new BuildbotProviderType();

    BuildbotProviderHarness() {
        super(PASSWORD, COOKIE);
    }

    BuildbotProvider provider(ProviderCredentials credentials) {
        return (BuildbotProvider) type.connect(ConnectionSettings.of(credentials), context());
    }

    BuildbotProvider provider() {
        return provider(ProviderCredentials.none());
    }

    BuildbotProvider loggedIn() {
        return provider(new ProviderCredentials.UsernamePassword(USER, Token.of(PASSWORD)));
    }

    String base() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    BuildRef build(String builder, String id) {
        return type.fromCoordinates(base(), builder, "build", id);
    }

    BuildRef request(String id) {
        return type.fromCoordinates(base(), null, "buildrequest", id);
    }

    String fixture(String name) {
        return ProviderTestSupport.fixture(BuildbotProviderTest.class, name);
    }

    void answer(int code, String fixture) {
        server.enqueue(answer(code, "application/json; charset=utf-8", fixture(fixture)));
    }

    static JsonNode rpcBody(RecordedRequest request) throws IOException {
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        return Json.MAPPER.readTree(request.getBody().utf8());
    }
}
