package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.Json;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a scripted Codeship (answers shaped as the fixtures of CodeshipProviderTest, from
 * docs.cloudbees.com/docs/cloudbees-codeship/latest/api-builds/ and api-authentication/): credentials from the
 * environment, restart --wait of a Basic build, and that no secret is ever printed.
 */
class CodeshipCliTest {

    private static final String USER = "bot@externalbuild.example";
    private static final String PASSWORD = "Pa55-word-secret-4711";
    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.cli-test-token";
    private static final String API_KEY = "v1-apikey-0123456789abcdef";
    private static final String ORG = "0c1e6f2a-5b7d-4e1f-9a3c-2d4e6f8a0b1c";
    private static final String PROJECT = "1a2b3c4d-0000-4000-8000-00000000b001";
    private static final String BUILD = "2b3c4d5e-1111-4111-8111-000000000003";
    private static final String BUILD_URL = "https://app.codeship.com/projects/" + PROJECT + "/builds/" + BUILD;

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>(Map.of("CODESHIP_USERNAME", USER, "CODESHIP_PASSWORD", PASSWORD));

    private int run(String... args) {
        Cli cli = CliHarness.cli(env, out, err);
        int code = Main.run(cli, args);
        assertThat(out.toString() + err.toString()).doesNotContain(PASSWORD).doesNotContain(TOKEN).doesNotContain(API_KEY);
        return code;
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    private static String auth() {
        return "{\"access_token\":\"" + TOKEN + "\",\"expires_at\":" + (System.currentTimeMillis() / 1000 + 3600)
                + ",\"organizations\":[{\"uuid\":\"" + ORG + "\",\"name\":\"externalbuild\",\"scopes\":[\"build.read\","
                + "\"build.write\",\"project.read\"]}]}";
    }

    private static String build(String status, String queuedAt, String finishedAt) {
        return "{\"build\":{\"uuid\":\"" + BUILD + "\",\"project_uuid\":\"" + PROJECT + "\",\"organization_uuid\":\"" + ORG
                + "\",\"ref\":\"heads/master\",\"branch\":\"master\",\"commit_sha\":\"0f1e2d3c4b5a\",\"status\":\"" + status
                + "\",\"queued_at\":\"" + queuedAt + "\",\"finished_at\":" + (finishedAt == null ? "null" : "\"" + finishedAt + "\"")
                + ",\"links\":{\"pipelines\":\"x\"}}}";
    }

    private JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    @Test
    void restartWaitOfABasicBuildSucceedsUnderTheSameId() throws Exception {
        String old = build("error", "2023-11-14T22:14:02.250Z", "2023-11-14T22:18:42.900Z");
        answer(200, auth());
        answer(200, old); // restart command: status before
        answer(200, old); // provider: status before restarting
        answer(200, "{\"project\":{\"uuid\":\"" + PROJECT + "\",\"type\":\"basic\"}}");
        server.enqueue(new MockResponse.Builder().code(202).build());
        answer(200, old); // the new build run is not visible yet
        answer(200, build("testing", "2023-11-15T08:00:00.000Z", null));
        answer(200, build("success", "2023-11-15T08:00:00.000Z", "2023-11-15T08:04:00.000Z"));

        int code = run("restart", BUILD_URL, "--api-url", server.url("/v2").toString(), "--wait",
                "--first-poll", "10ms", "--poll-cap", "20ms", "--json");

        assertThat(code).as(err.toString()).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("provider").asText()).isEqualTo("codeship");
        assertThat(j.get("id").asText()).isEqualTo(BUILD);
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("status").asText()).isEqualTo("success");
        assertThat(j.get("result").asText()).isEqualTo("succeeded");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("POST /v2/auth HTTP/1.1");
        assertThat(server.getRequestCount()).isEqualTo(8); // one /auth for the whole run
    }

    @Test
    void aWaitWhoseTokenExpiresEarlyLogsInAgainAndGoesOn() throws Exception {
        answer(200, auth());
        answer(200, build("testing", "2023-11-15T08:00:00.000Z", null));
        answer(401, "{\"errors\":[\"Unauthorized\"]}"); // the token expired before its expires_at
        answer(200, auth());
        answer(200, build("success", "2023-11-15T08:00:00.000Z", "2023-11-15T08:04:00.000Z"));

        int code = run("wait", BUILD_URL, "--api-url", server.url("/v2").toString(), "--first-poll", "10ms",
                "--poll-cap", "20ms", "--timeout", "30s");

        assertThat(code).as(out + "\n" + err).isEqualTo(0);
        assertThat(out.toString()).contains("succeeded");
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void missingCredentialsAreNamedBeforeAnyRequest() {
        env.clear();

        assertThat(run("status", BUILD_URL)).isEqualTo(2);

        assertThat(err.toString()).contains("CODESHIP_USERNAME and CODESHIP_PASSWORD").contains("CODESHIP_API_KEY")
                .contains("Codeship needs credentials");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aUserNameWithoutPasswordIsRefused() {
        env.remove("CODESHIP_PASSWORD");

        assertThat(run("status", BUILD_URL)).isEqualTo(2);
        assertThat(err.toString()).contains("needs both CODESHIP_USERNAME and CODESHIP_PASSWORD");
    }

    @Test
    void apiKeyAndBranchRestartTheLatestV1BuildOfTheBranch() throws Exception {
        env.clear();
        env.put("CODESHIP_API_KEY", API_KEY);
        String project = "{\"id\":100001,\"builds\":[{\"id\":9000001,\"status\":\"error\",\"branch\":\"master\","
                + "\"started_at\":\"2023-11-13T09:59:58.000Z\",\"finished_at\":\"2023-11-13T10:01:11.400Z\"}]}";
        answer(200, project); // latest build of master
        answer(200, project); // restart command: status before
        answer(200, project); // provider: status before restarting
        answer(200, "{\"id\":9000003,\"status\":\"waiting\",\"branch\":\"master\"}");

        int code = run("restart", "--provider", "codeship", "--project", "100001", "--branch", "master",
                "--api-url", server.url("/api/v1").toString());

        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("restarted (mode all): attempt 2 is build 9000003")
                .contains("https://app.codeship.com/projects/100001/builds/9000003");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v1/projects/100001.json?api_key=" + API_KEY
                + "&branch=master");
    }

    @Test
    void rateLimitExitsSixWithTheWait() {
        answer(200, auth());
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 403 Rate Limit Exceeded").build());

        assertThat(run("status", BUILD_URL, "--api-url", server.url("/v2").toString())).isEqualTo(6);
        assertThat(err.toString()).contains("60 requests a minute");
    }

    @Test
    void helpNamesTheCodeshipVariables() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out.toString()).contains("CODESHIP_USERNAME").contains("CODESHIP_API_KEY");
    }
}
