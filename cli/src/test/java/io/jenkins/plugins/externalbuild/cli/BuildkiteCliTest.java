package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.Json;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a scripted Buildkite (answers shaped as the fixtures of BuildkiteProviderTest, from buildkite/docs
 * pages/apis/rest_api/builds.md): BUILDKITE_TOKEN from the environment, --api-url at the mock, status, a rebuild
 * waited on to the end, and that the token is never printed.
 */
class BuildkiteCliTest {

    private static final String TOKEN = "bkua_cli0123456789abcdef0123456789abcdef012";
    private static final String BUILD_URL = "https://buildkite.com/acme/web-app/builds/42";
    private static final String BUILDS = "/v2/organizations/acme/pipelines/web-app/builds";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>(Map.of("BUILDKITE_TOKEN", TOKEN));

    private int run(String... args) {
        Cli cli = CliHarness.cli(env, out, err);
        int code = Main.run(cli, args);
        assertThat(out.toString() + err.toString()).doesNotContain(TOKEN);
        return code;
    }

    private String api() {
        return server.url("/v2").toString();
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    private static String build(int number, String state, String finishedAt) {
        return build(number, state, null, finishedAt);
    }

    /** Times are ISO 8601 or null; the wait uses them as timing hints, so tests that wait keep them near now. */
    private static String build(int number, String state, String startedAt, String finishedAt) {
        return "{\"id\":\"0190f1a0-0000-4000-8000-0000000000" + number + "\",\"number\":" + number + ",\"state\":\"" + state
                + "\",\"web_url\":\"https://buildkite.com/acme/web-app/builds/" + number + "\",\"branch\":\"main\","
                + "\"started_at\":" + quoted(startedAt) + ",\"finished_at\":" + quoted(finishedAt) + ",\"jobs\":[]}";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    @Test
    void statusReadsTheBuildWithTheBearerTokenFromTheEnvironment() throws Exception {
        answer(200, build(42, "blocked", null));

        assertThat(run("status", BUILD_URL, "--api-url", api(), "--json")).isEqualTo(0);

        JsonNode j = json();
        assertThat(j.get("provider").asText()).isEqualTo("buildkite");
        assertThat(j.get("id").asText()).isEqualTo("42");
        assertThat(j.get("status").asText()).isEqualTo("manual");
        assertThat(j.get("rawStatus").asText()).isEqualTo("blocked");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getRequestLine()).isEqualTo("GET " + BUILDS + "/42 HTTP/1.1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void restartAllWaitsOnTheNewBuildNumberUntilItPasses() throws Exception {
        Instant now = Instant.now();
        // restart command: status before; it ran 1 s, which the wait expects of the new build too
        answer(200, build(42, "failed", now.minusSeconds(3).toString(), now.minusSeconds(2).toString()));
        answer(200, build(43, "scheduled", null)); // PUT rebuild: the new build
        answer(200, build(43, "running", null));
        answer(200, build(43, "passed", now.toString(), now.plusSeconds(1).toString()));

        int code = run("restart", BUILD_URL, "--mode", "all", "--api-url", api(), "--wait",
                "--first-poll", "10ms", "--poll-cap", "20ms", "--timeout", "20s", "--json");

        assertThat(code).as(out + "\n" + err).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("id").asText()).isEqualTo("43");
        assertThat(j.get("url").asText()).isEqualTo("https://buildkite.com/acme/web-app/builds/43");
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("previousIds").toString()).contains("42");
        assertThat(j.get("status").asText()).isEqualTo("success");
        server.takeRequest();
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("PUT " + BUILDS + "/42/rebuild HTTP/1.1");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("GET " + BUILDS + "/43 HTTP/1.1");
    }

    @Test
    void coordinatesNameTheBuildAndCancelOfAFinishedBuildExitsWithAProviderError() throws Exception {
        answer(422, "{\"message\":\"Reason why the build could not be canceled\"}");

        int code = run("cancel", "--provider", "buildkite", "--project", "acme/web-app", "--id", "42", "--api-url", api());

        assertThat(code).isEqualTo(ExitCode.PROVIDER_ERROR);
        assertThat(err.toString()).contains("could not be canceled", "has probably finished");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("PUT " + BUILDS + "/42/cancel HTTP/1.1");
    }

    @Test
    void aRejectedTokenExitsWithTheAuthCodeAndNamesTheScopes() {
        answer(401, "{\"message\":\"Authentication required. Please supply a valid API Access Token\"}");

        assertThat(run("status", BUILD_URL, "--api-url", api())).isEqualTo(ExitCode.AUTH);
        assertThat(err.toString()).contains("read_builds");
    }

    @Test
    void withoutATokenNothingIsSentAndTheVariableIsNamed() {
        env.clear();

        assertThat(run("status", BUILD_URL, "--api-url", api())).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(err.toString()).isEqualTo("extbuild: Buildkite needs credentials: --token-file or BUILDKITE_TOKEN\n");
        assertThat(server.getRequestCount()).isZero();
    }
}
