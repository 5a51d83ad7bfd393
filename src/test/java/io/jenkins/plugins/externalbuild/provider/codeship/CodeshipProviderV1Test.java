package io.jenkins.plugins.externalbuild.provider.codeship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.util.Map;
import java.util.logging.LogRecord;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The Basic API v1 (codeship/documentation's api.md, codeship/scripts' codeship_restart_build), and how the
 * credentials choose between v1 and v2.
 */
class CodeshipProviderV1Test extends CodeshipProviderHarness {

    // ---- Basic API v1 (codeship/documentation _basic/getting-started/api.md)

    @Test
    void v1ReadsTheStatusFromTheProjectsBuilds() throws Exception {
        answerFixture(200, "v1-project.json");

        BuildStatus status = v1().status(ref("100001", "9000001"));

        assertThat(status).isEqualTo(BuildStatus.of(BuildStatus.State.FAILED, "error"));
        assertThat(take().getTarget()).isEqualTo("/api/v1/projects/100001.json?api_key=" + API_KEY);
        assertThat(logs.records()).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("api_key=" + Token.MASK))
                .noneMatch(m -> m.contains(API_KEY));
    }

    @Test
    void v1RestartFollowsTheIdItAnswers() throws Exception {
        answerFixture(200, "v1-project.json");
        answerFixture(200, "v1-build-restarted.json");

        Attempt next = v1().restart(Attempt.first(ref("100001", "9000001")), RestartMode.ALL);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("9000003");
        assertThat(next.ref().url()).isEqualTo("https://app.codeship.com/projects/100001/builds/9000003");
        take();
        RecordedRequest restart = take();
        assertThat(restart.getRequestLine())
                .isEqualTo("POST /api/v1/builds/9000001/restart.json?api_key=" + API_KEY + " HTTP/1.1");
        assertThat(restart.getBody().utf8()).isEqualTo("api_key=" + API_KEY);
    }

    @Test
    void v1RestartLatestOfABranchRestartsItsNewestFinishedBuild() throws Exception {
        String project = fixture("v1-project.json").replace("\"testing\"", "\"success\"");
        answer(200, project);
        answer(200, project);
        answerFixture(200, "v1-build-restarted.json");

        Attempt next = v1().restartLatest("100001", "master");

        assertThat(next.ref().id()).isEqualTo("9000003");
        assertThat(take().getTarget()).isEqualTo("/api/v1/projects/100001.json?api_key=" + API_KEY + "&branch=master");
        take();
        assertThat(take().getTarget()).isEqualTo("/api/v1/builds/9000002/restart.json?api_key=" + API_KEY);
    }

    @Test
    void v1RestartLatestRefusesARunningBuild() throws Exception {
        answerFixture(200, "v1-project.json");
        answerFixture(200, "v1-project.json");

        assertThat(failure(() -> v1().restartLatest("100001", "master")))
                .isInstanceOf(ProviderException.NotRestartable.class).hasMessageContaining("still running");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void v1RestartLatestOfABranchWithoutBuildsIsNotFound() {
        answer(200, "{\"id\":100001,\"repository_name\":\"externalbuild/basic-app\",\"builds\":[]}");

        assertThat(failure(() -> v1().restartLatest("100001", "gone")))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("no build of branch 'gone'");
    }

    @Test
    void v1CannotStopABuild() {
        assertThat(v1().capabilities(ref("100001", "9000001")).cancel()).isFalse();
        assertThat(failure(() -> v1().cancel(ref("100001", "9000001"))))
                .isInstanceOf(ProviderException.NotRestartable.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void v1ErrorsNeverShowTheApiKey() throws Exception {
        answer(401, "Unauthorized api_key=" + API_KEY);
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("api_key=");
        answer(403, "{\"error\":\"Forbidden\"}");
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.AuthError.class);
        rateLimited();
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.RateLimited.class);
        answer(404, "{\"error\":\"Not found\"}");
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.NotFound.class);
        for (int i = 0; i < 3; i++) {
            answer(502, "<html>Bad Gateway</html>");
        }
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.Transient.class);
        answer(200, "<html>maintenance</html>");
        assertThat(failure(() -> v1().status(ref("100001", "9000001")))).isInstanceOf(ProviderException.BadResponse.class);
        answerFixture(200, "v1-project.json");
        assertThat(failure(() -> v1().status(ref("100001", "1")))).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void uuidsAreRefusedByApiV1BeforeAnyRequest() {
        assertThatThrownBy(() -> v1().status(ref(ORG + "/" + BASIC, TESTING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("by number");
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- choosing the API

    @Test
    void credentialsChooseTheApiAndAContradictingVersionIsRefused() {
        assertThat(v2().apiVersion()).isEqualTo(2);
        assertThat(v1().apiVersion()).isEqualTo(1);
        CodeshipProviderType type = new CodeshipProviderType();
        assertThatThrownBy(() -> type.connect(new ConnectionSettings(null, ProviderCredentials.token(Token.of(API_KEY)),
                Map.of("apiVersion", "2")), context())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user name and password").message().doesNotContain(API_KEY);
        assertThatThrownBy(() -> type.connect(ConnectionSettings.of(ProviderCredentials.none()), context()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Codeship needs credentials");
        assertThat(type.connect(ConnectionSettings.of(ProviderCredentials.token(Token.of(API_KEY))), context()).toString())
                .doesNotContain(API_KEY);
    }
}
