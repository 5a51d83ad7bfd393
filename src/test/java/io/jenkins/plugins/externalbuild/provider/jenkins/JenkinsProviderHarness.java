package io.jenkins.plugins.externalbuild.provider.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.MockServerHarness;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderTestSupport;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The mock server, fixtures and assertions that the Jenkins provider tests share. The fixtures are Jenkins' remote
 * access API as core {@code jenkins-2.541.3} and workflow-cps answer it (their README names the source of each field).
 */
abstract class JenkinsProviderHarness extends MockServerHarness {

    static final String USER = "api-bot";
    static final String TOKEN = "11a2b3c4d5e6f708192a3b4c5d6e7f8091";

    final JenkinsProviderType type = new JenkinsProviderType();

    JenkinsProviderHarness() {
        super(TOKEN);
    }

    JenkinsProvider provider() {
        return (JenkinsProvider) type.connect(ConnectionSettings.of(
                new ProviderCredentials.UsernamePassword(USER, Token.of(TOKEN))), context());
    }

    String base() {
        String url = server.url("/jenkins").toString();
        return url.replaceAll("/+$", "");
    }

    BuildRef build(String job, int number) {
        return type.fromCoordinates(base(), job, null, String.valueOf(number));
    }

    BuildRef pending(long queueId, int from, int next) {
        return new PendingBuild(base(), "team/app", queueId, from, next).toRef();
    }

    String fixture(String name) {
        return ProviderTestSupport.fixture(JenkinsProviderTest.class, name).replace("http://JENKINS", base());
    }

    void answer(int code, String fixture) {
        server.enqueue(new MockResponse.Builder().code(code).body(fixture == null ? "" : fixture(fixture)).build());
    }

    /** The next request, which carries the API user's Basic authentication. */
    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(r).as("a request was sent").isNotNull();
        assertThat(r.getHeaders().get("Authorization")).isEqualTo(okhttp3.Credentials.basic(USER, TOKEN));
        return r;
    }

    static String path(RecordedRequest r) {
        return r.getMethod() + " " + r.getUrl().encodedPath();
    }
}
