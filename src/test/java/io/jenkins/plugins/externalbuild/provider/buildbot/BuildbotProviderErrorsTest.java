package io.jenkins.plugins.externalbuild.provider.buildbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * How the Buildbot provider logs in and classifies refusals, master errors and broken answers, never showing the
 * password or the session cookie.
 */
class BuildbotProviderErrorsTest extends BuildbotProviderHarness {

    @Test
    void missingRoleIsAnAuthErrorThatSaysHowToLogIn() {
        answer(200, "build-failed.json");
        answer(403, "error-role.json");

        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().restart(Attempt.first(build("*", "1")), RestartMode.ALL));

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("you need to have role 'admins'").contains("BUILDBOT_USER")
                .contains("/auth/login");
    }

    @Test
    void loginKeepsTheSessionCookieForEveryCallAndNeverShowsItOrThePassword() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", base() + "/#/")
                .addHeader("Set-Cookie", "TWISTED_SESSION=anonymous.jwt.value; Path=/")
                .addHeader("Set-Cookie", "TWISTED_SESSION=" + COOKIE + "; Path=/").build());
        answer(200, "build-failed.json");
        answer(403, "error-role.json"); // refused: logs in again once, then gives up
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Set-Cookie", "TWISTED_SESSION=" + COOKIE + "; Path=/")
                .build());
        answer(403, "error-role.json");

        BuildbotProvider p = loggedIn();
        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> p.restart(Attempt.first(build("*", "1")), RestartMode.ALL));

        assertThat(e.getMessage()).contains("The user admin lacks that role");
        assertTokenAbsent(e);
        RecordedRequest login = nextRequest("GET", "/auth/login");
        assertThat(login.getHeaders().get("Authorization")).isEqualTo(okhttp3.Credentials.basic(USER, PASSWORD));
        assertThat(nextRequest("GET", "/api/v2/builds/1").getHeaders().get("Cookie")).isEqualTo("TWISTED_SESSION=" + COOKIE);
        assertThat(nextRequest("POST", "/api/v2/builds/1").getHeaders().get("Cookie")).isEqualTo("TWISTED_SESSION=" + COOKIE);
        nextRequest("GET", "/auth/login");
        nextRequest("POST", "/api/v2/builds/1");
    }

    @Test
    void wrongPasswordIsAnAuthErrorWithoutThePassword() {
        server.enqueue(new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "basic realm=\"buildbot\"").build());

        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> loggedIn().status(build("*", "1")));

        assertThat(e.getMessage()).contains("refused the login of user admin").contains("BUILDBOT_PASSWORD");
        assertTokenAbsent(e);
    }

    @Test
    void tokenCredentialsAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider(ProviderCredentials.token(Token.of("some-token-value"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no API tokens");
    }

    @Test
    void rebuildThatFailsInsideTheMasterIsNotRestartable() {
        answer(200, "build-failed.json");
        answer(500, "error-rebuild-unknown.json");

        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("*", "1")), RestartMode.ALL));

        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("rebuild of build 1").contains("TypeError");
    }

    @Test
    void methodTheMasterDoesNotSupportIsNotRestartable() {
        answer(200, "build-running.json");
        answer(501, "error-method.json");

        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().cancel(build("*", "3")));

        assertThat(e.getMessage()).contains("is not supported");
    }

    @Test
    void invalidOriginIsAnAuthErrorThatPointsAtTheProxy() {
        server.enqueue(new MockResponse.Builder().code(400).body(fixture("error-origin.json")).build());

        ProviderException.AuthError e = catchThrowableOfType(ProviderException.AuthError.class,
                () -> provider().status(build("*", "1")));

        assertThat(e.getMessage()).contains("invalid origin").contains("buildbotURL");
    }

    @Test
    void malformedJsonIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"builds\":[{\"buildid\":").build());

        assertThatThrownBy(() -> provider().status(build("*", "1"))).isInstanceOf(ProviderException.BadResponse.class);
    }

    @Test
    void rebuildAnswerWithoutABuildRequestIsABadResponse() {
        answer(200, "build-failed.json");
        answer(200, "stop.json");

        assertThatThrownBy(() -> provider().restart(Attempt.first(build("*", "1")), RestartMode.ALL))
                .isInstanceOf(ProviderException.BadResponse.class).hasMessageContaining("without a build request id");
    }

    @Test
    void serverErrorsOnReadsAreRetriedThenTransient() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        }

        assertThatThrownBy(() -> provider().status(build("*", "1"))).isInstanceOf(ProviderException.Transient.class);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void droppedConnectionDuringARebuildIsTransientAndNotRepeated() {
        answer(200, "build-failed.json");
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

        ProviderException.Transient e = catchThrowableOfType(ProviderException.Transient.class,
                () -> provider().restart(Attempt.first(build("*", "1")), RestartMode.ALL));

        assertThat(e.httpStatus()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
