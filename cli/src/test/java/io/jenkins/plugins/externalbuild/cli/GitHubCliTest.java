package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.Json;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a scripted GitHub (answers shaped as the fixtures of GitHubActionsProviderTest, from the REST API
 * description's "Workflow runs" operations): the token from GITHUB_TOKEN or GH_TOKEN, --api-url, restart --wait of a
 * run that keeps its id and gains an attempt, a refused re-run, and that the token is never printed.
 */
class GitHubCliTest {

    private static final String TOKEN = "ghp_CliTestToken0123456789abcdefABCDEF";
    private static final String OTHER = "gho_OtherToken0123456789abcdefABCDEF";
    private static final String RUN_URL = "https://github.com/octo-org/octo-repo/actions/runs/30433642";
    private static final String RUNS = "/repos/octo-org/octo-repo/actions/runs/30433642";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>(Map.of("GITHUB_TOKEN", TOKEN));

    private int run(String... args) {
        Cli cli = CliHarness.cli(env, out, err);
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--api-url";
        all[args.length + 1] = server.url("/").toString();
        int code = Main.run(cli, all);
        assertThat(out.toString() + err.toString()).doesNotContain(TOKEN).doesNotContain(OTHER);
        return code;
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    private static String workflowRun(String status, String conclusion, int attempt, Instant created) {
        return "{\"id\":30433642,\"name\":\"Build\",\"head_branch\":\"main\",\"run_number\":562,\"event\":\"push\","
                + "\"status\":\"" + status + "\",\"conclusion\":" + (conclusion == null ? "null" : "\"" + conclusion + "\"")
                + ",\"workflow_id\":159038,\"html_url\":\"" + RUN_URL + "\",\"created_at\":\"" + created + "\","
                + "\"run_attempt\":" + attempt + ",\"run_started_at\":\"" + created + "\"}";
    }

    private static String recent(String status, String conclusion, int attempt) {
        return workflowRun(status, conclusion, attempt, Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    @Test
    void statusSendsGitHubTokenAsBearerToTheApiUrl() throws Exception {
        answer(200, recent("in_progress", null, 1));

        assertThat(run("status", RUN_URL)).isEqualTo(0);

        assertThat(out.toString()).contains("github run 30433642 (octo-org/octo-repo): running (in_progress)").contains(RUN_URL);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getRequestLine()).isEqualTo("GET " + RUNS + " HTTP/1.1");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    }

    @Test
    void ghTokenIsUsedWhenGitHubTokenIsAbsent() throws Exception {
        env.clear();
        env.put("GH_TOKEN", OTHER);
        answer(200, recent("queued", null, 1));

        assertThat(run("status", RUN_URL)).isEqualTo(0);

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + OTHER);
        assertThat(err.toString()).doesNotContain("no credentials");
    }

    @Test
    void gitHubTokenWinsOverGhToken() throws Exception {
        env.put("GH_TOKEN", OTHER);
        answer(200, recent("queued", null, 1));

        run("status", RUN_URL);

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void withoutATokenTheCliSaysWhereItLookedAndTriesAnyway() throws Exception {
        env.clear();
        answer(200, recent("queued", null, 1));

        assertThat(run("status", RUN_URL)).isEqualTo(0);

        assertThat(err.toString()).contains("no credentials for github", "GITHUB_TOKEN, GH_TOKEN");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void restartWaitOfAFailedRunSucceedsAsItsSecondAttempt() throws Exception {
        answer(200, recent("completed", "failure", 1)); // the CLI's status line before the restart
        answer(200, recent("completed", "failure", 1)); // the provider checks the re-run limits
        answer(201, "{}");
        answer(200, recent("queued", null, 2)); // the attempt read back after the POST
        answer(200, recent("in_progress", null, 2));
        answer(200, recent("completed", "success", 2));

        int code = run("restart", RUN_URL, "--wait", "--first-poll", "10ms", "--poll-cap", "20ms", "--json");

        assertThat(code).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("id").asText()).isEqualTo("30433642");
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("status").asText()).isEqualTo("success");
        assertThat(j.get("rawStatus").asText()).isEqualTo("completed/success");
        assertThat(j.get("url").asText()).isEqualTo(RUN_URL + "/attempts/2");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("GET " + RUNS + " HTTP/1.1");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("GET " + RUNS + " HTTP/1.1");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("POST " + RUNS + "/rerun-failed-jobs HTTP/1.1");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("GET " + RUNS + " HTTP/1.1");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("GET " + RUNS + "/attempts/2 HTTP/1.1");
    }

    @Test
    void restartOfARunOlderThanThirtyDaysExitsSixWithoutPosting() throws Exception {
        String old = workflowRun("completed", "failure", 1, Instant.now().minus(Duration.ofDays(45)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        answer(200, old);
        answer(200, old);

        int code = run("restart", RUN_URL, "--mode", "all");

        assertThat(code).isEqualTo(ExitCode.PROVIDER_ERROR);
        assertThat(err.toString()).contains("only within 30 days of its creation");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
