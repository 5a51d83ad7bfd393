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
 * The CLI against a scripted CircleCI API v2 (answers shaped as CircleCiProviderTest's fixtures, from the OpenAPI
 * document): the token comes from CIRCLECI_TOKEN (or CIRCLE_TOKEN), --api-url points at the mock, a rerun yields a new
 * workflow that the wait follows, and the token is never printed.
 */
class CircleCiCliTest {

    private static final String TOKEN = "CCIPAT_cliTestToken_0123456789abcdef0123456789abcdef";
    private static final String WF = "fda08377-fe7e-46b1-8992-3a7aaecac9c3";
    private static final String NEW_WF = "0e53027b-521a-4c40-9042-47e72b3c63a3";
    private static final Instant CREATED = Instant.now().minusSeconds(1);
    private static final String WEB = "https://app.circleci.com/pipelines/github/acme/app/130/workflows/";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>(Map.of("CIRCLECI_TOKEN", TOKEN));

    private int run(String... args) {
        Cli cli = CliHarness.cli(env, out, err);
        int code = Main.run(cli, args);
        assertThat(out.toString() + err.toString()).doesNotContain(TOKEN);
        return code;
    }

    private String api() {
        return server.url("/api/v2").toString();
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    private static String workflow(String id, String status) {
        return "{\"pipeline_id\":\"5034460f-c7c4-4c43-9457-de07e2029e7b\",\"id\":\"" + id + "\",\"name\":\"build\","
                + "\"project_slug\":\"gh/acme/app\",\"status\":\"" + status + "\",\"started_by\":"
                + "\"03987f6a-4c27-4dc1-b6ab-c7e83bb3e713\",\"pipeline_number\":130,\"created_at\":\"" + CREATED + "\","
                // a short previous run, created just now: the wait polls densely from its expected end, which is at once
                + "\"stopped_at\":" + ("running".equals(status) ? "null" : "\"" + CREATED.plusMillis(50) + "\"") + "}";
    }

    private JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    @Test
    void restartWaitReRunsTheFailedJobsAndFollowsTheNewWorkflowUntilItPasses() throws Exception {
        answer(200, workflow(WF, "failed"));        // status before the restart
        answer(200, workflow(WF, "failed"));        // the provider reads the workflow before the rerun
        answer(202, "{\"workflow_id\":\"" + NEW_WF + "\"}");
        answer(200, workflow(NEW_WF, "running"));
        answer(200, workflow(NEW_WF, "success"));

        int code = run("restart", WEB + WF, "--api-url", api(), "--wait", "--first-poll", "10ms", "--poll-cap", "20ms",
                "--timeout", "30s", "--json");

        assertThat(code).as(err.toString()).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("provider").asText()).isEqualTo("circleci");
        assertThat(j.get("id").asText()).isEqualTo(NEW_WF);
        assertThat(j.get("url").asText()).isEqualTo(WEB + NEW_WF);
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("result").asText()).isEqualTo("succeeded");
        assertThat(j.get("attempts").get(0).get("id").asText()).isEqualTo(WF);
        server.takeRequest();
        server.takeRequest();
        RecordedRequest rerun = server.takeRequest();
        assertThat(rerun.getRequestLine()).isEqualTo("POST /api/v2/workflow/" + WF + "/rerun HTTP/1.1");
        assertThat(rerun.getHeaders().get("Circle-Token")).isEqualTo(TOKEN);
        assertThat(rerun.getBody().utf8()).isEqualTo("{\"from_failed\":true}");
    }

    @Test
    void circleTokenIsReadWhenCircleciTokenIsAbsent() throws Exception {
        env.clear();
        env.put("CIRCLE_TOKEN", TOKEN);
        answer(200, workflow(WF, "on_hold"));

        int code = run("status", "--provider", "circleci", "--project", "gh/acme/app", "--id", WF, "--api-url", api());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("manual (on_hold)");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo("GET /api/v2/workflow/" + WF + " HTTP/1.1");
        assertThat(r.getHeaders().get("Circle-Token")).isEqualTo(TOKEN);
        assertThat(err.toString()).doesNotContain("no credentials");
    }

    @Test
    void aRejectedTokenFailsWithAHintAndNeverShowsTheToken() {
        answer(401, "{\"message\":\"You must log in first.\"}");

        int code = run("status", WEB + WF, "--api-url", api());

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("personal API token");
    }
}
