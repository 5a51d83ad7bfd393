package io.jenkins.plugins.externalbuild.provider.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Crumbs fetched when a controller asks for one, errors classified without the token, and the credentials and
 * options a connection refuses.
 */
class JenkinsProviderErrorsTest extends JenkinsProviderHarness {

    @Test
    void aCrumbIsFetchedOnlyWhenTheControllerAsksForOneAndSentWithItsSession() throws Exception {
        JenkinsProvider p = provider();
        answer(200, "build-running.json");
        answer(403, "error-no-crumb.html");
        server.enqueue(new MockResponse.Builder().code(200).body(fixture("crumb.json"))
                .addHeader("Set-Cookie", "JSESSIONID.1a2b3c4d=node0sessionabcdef0123456789.node0; Path=/; HttpOnly").build());
        answer(200, null);
        p.cancel(build("team/app", 43));

        take();
        assertThat(take().getHeaders().get("Jenkins-Crumb")).isNull();
        assertThat(path(take())).isEqualTo("GET /jenkins/crumbIssuer/api/json");
        RecordedRequest again = take();
        assertThat(path(again)).isEqualTo("POST /jenkins/job/team/job/app/43/stop");
        assertThat(again.getHeaders().get("Jenkins-Crumb")).isEqualTo(
                "3f6c1e0b6f0f4c1d9a8b7e6d5c4b3a29f8e7d6c5b4a39281706f5e4d3c2b1a0");
        assertThat(again.getHeaders().get("Cookie")).isEqualTo("JSESSIONID.1a2b3c4d=node0sessionabcdef0123456789.node0");
    }

    @Test
    void aCrumbWhoseSessionExpiredIsFetchedAgainOnce() throws Exception {
        JenkinsProvider p = provider();
        answer(200, "build-running.json");
        answer(403, "error-no-crumb.html");
        answer(200, "crumb.json");
        answer(200, null);
        p.cancel(build("team/app", 43));
        answer(200, "build-running.json");
        answer(403, "error-no-crumb.html"); // the session of that crumb is gone
        answer(200, "crumb.json");
        answer(403, "error-no-crumb.html");
        assertThatThrownBy(() -> p.cancel(build("team/app", 43))).isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("No valid crumb");
        assertThat(server.getRequestCount()).isEqualTo(8);
    }

    @Test
    void withoutACrumbIssuerTheRefusalStands() throws Exception {
        answer(200, "build-running.json");
        answer(403, "error-no-crumb.html");
        answer(404, "error-404.html");
        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().cancel(build("team/app", 43)));
        assertThat(e.getMessage()).contains("No valid crumb");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void errorsAreClassifiedWithoutTheToken() throws Exception {
        answer(404, "error-404.html");
        assertThatThrownBy(() -> provider().status(build("team/app", 99))).isInstanceOf(ProviderException.NotFound.class);
        server.enqueue(new MockResponse.Builder().code(401).body("Invalid password/token for user: " + USER).build());
        ProviderException.AuthError auth = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().status(build("team/app", 41)));
        assertThat(auth.getMessage()).contains("JENKINS_API_TOKEN");
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
        ProviderException.RateLimited limited = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> provider().status(build("team/app", 41)));
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) { // a GET is retried on 503
            server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "120")
                    .body("<title>Jenkins is getting ready to work</title>").build());
        }
        ProviderException.RateLimited starting = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> provider().status(build("team/app", 41)));
        assertThat(starting.retryAfter()).contains(Duration.ofSeconds(120));
        for (ProviderException e : List.of(auth, limited, starting)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(TOKEN);
        }
        assertThat(logs.text()).doesNotContain(TOKEN);
    }

    @Test
    void aTokenAloneIsRefusedAsCredentials() {
        ProviderContext context = context();
        assertThatThrownBy(() -> type.connect(ConnectionSettings.of(ProviderCredentials.token(Token.of(TOKEN))), context))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JENKINS_USER")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void theRequestCeilingIsAnOptionPerConnectionAndRefusedWhenNotANumber() {
        ProviderContext context = context();
        ProviderCredentials c = new ProviderCredentials.UsernamePassword("ceiling-user", Token.of("ceiling-token-0123456789"));
        JenkinsProvider slow = (JenkinsProvider) type.connect(new ConnectionSettings(null, c,
                Map.of(JenkinsProvider.REQUESTS_PER_SECOND, "2")), context);
        assertThat(slow.pollSource().budget().rate()).isLessThanOrEqualTo(2.0).isGreaterThan(1.0);
        assertThat(provider().pollSource().budget().rate()).isGreaterThan(5.0).isLessThanOrEqualTo(10.0);
        assertThatThrownBy(() -> type.connect(new ConnectionSettings(null, c, Map.of(JenkinsProvider.REQUESTS_PER_SECOND,
                "lots")), context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Jenkins requests per second must be a number from 0.01 to 1000, got 'lots'");
    }
}
