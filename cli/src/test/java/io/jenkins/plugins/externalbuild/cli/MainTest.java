package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.Json;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI end to end against a scripted GitLab (answers shaped as in GitLab's doc/api/jobs.md and
 * doc/api/pipelines.md): exit codes, output lines, JSON, and that the token never shows.
 */
class MainTest {

    private static final String TOKEN = "glpat-Secret0123456789abcdef";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>(Map.of("GITLAB_TOKEN", TOKEN));
    private final List<Duration> pauses = new ArrayList<>();

    private int run(String... args) {
        Cli cli = CliHarness.cli(env, out, err, pauses::add);
        int code = Main.run(cli, args);
        assertThat(out.toString() + err.toString()).doesNotContain(TOKEN);
        return code;
    }

    private String web(String path) {
        String base = server.url("/").toString();
        return base.substring(0, base.length() - 1) + "/group/sub/app/-/" + path;
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    private static String job(long id, String status) {
        return "{\"id\":" + id + ",\"name\":\"rspec\",\"stage\":\"test\",\"status\":\"" + status
                + "\",\"ref\":\"main\",\"web_url\":\"https://gitlab.example.com/group/sub/app/-/jobs/" + id + "\"}";
    }

    private static String pipeline(long id, String status) {
        return "{\"id\":" + id + ",\"status\":\"" + status + "\",\"ref\":\"main\",\"sha\":\"0ff3ae19\","
                + "\"web_url\":\"https://gitlab.example.com/group/sub/app/-/pipelines/" + id + "\"}";
    }

    private JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    @Test
    void statusPrintsOneLineWithTheLinkAndSendsTheTokenAsPrivateToken() throws Exception {
        answer(200, job(123, "running"));

        assertThat(run("status", web("jobs/123"))).isEqualTo(0);

        assertThat(out.toString()).contains("gitlab job 123 (group/sub/app): running").contains(web("jobs/123"));
        RecordedRequest request = server.takeRequest();
        assertThat(request.getRequestLine()).isEqualTo("GET /api/v4/projects/group%2Fsub%2Fapp/jobs/123 HTTP/1.1");
        assertThat(request.getHeaders().get("PRIVATE-TOKEN")).isEqualTo(TOKEN);
    }

    @Test
    void statusJsonHasTheDocumentedFields() throws Exception {
        answer(200, pipeline(4711, "waiting_for_resource"));

        assertThat(run("status", "--json", web("pipelines/4711"))).isEqualTo(0);

        JsonNode j = json();
        assertThat(j.get("provider").asText()).isEqualTo("gitlab");
        assertThat(j.get("id").asText()).isEqualTo("4711");
        assertThat(j.get("url").asText()).isEqualTo(web("pipelines/4711"));
        assertThat(j.get("status").asText()).isEqualTo("queued");
        assertThat(j.get("rawStatus").asText()).isEqualTo("waiting_for_resource");
        assertThat(j.get("attempt").asInt()).isEqualTo(1);
        assertThat(j.get("previousIds").isArray()).isTrue();
        assertThat(j.get("terminal").asBoolean()).isFalse();
    }

    @Test
    void restartOfAFailedPipelineWaitsUntilItSucceeds() throws Exception {
        answer(200, pipeline(4711, "failed"));
        answer(200, pipeline(4711, "failed")); // the provider reads the pipeline before retrying it
        answer(201, pipeline(4711, "pending"));
        answer(200, pipeline(4711, "running"));
        answer(200, pipeline(4711, "running"));
        answer(200, pipeline(4711, "success"));

        int code = run("restart", web("pipelines/4711"), "--wait", "--first-poll", "10ms", "--poll-cap", "20ms", "--json");

        assertThat(code).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("status").asText()).isEqualTo("success");
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("result").asText()).isEqualTo("succeeded");
        assertThat(j.get("attempts").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
        assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
        assertThat(server.takeRequest().getRequestLine())
                .isEqualTo("POST /api/v4/projects/group%2Fsub%2Fapp/pipelines/4711/retry HTTP/1.1");
    }

    @Test
    void restartOfAJobThatFailsAgainExitsOneWithTheAttemptChain() throws Exception {
        answer(200, job(123, "failed"));
        answer(201, job(124, "pending"));
        answer(200, job(124, "running"));
        answer(200, job(124, "failed"));
        answer(200, job(124, "failed")); // failed jobs of the new attempt

        int code = run("restart", web("jobs/123"), "--wait", "--first-poll", "10ms", "--poll-cap", "20ms", "--json");

        assertThat(code).isEqualTo(1);
        JsonNode j = json();
        assertThat(j.get("id").asText()).isEqualTo("124");
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("previousIds").get(0).asText()).isEqualTo("123");
        assertThat(j.get("failedJobs").get(0).asText()).isEqualTo("rspec");
        assertThat(j.get("result").asText()).isEqualTo("failed");
    }

    @Test
    void restartWithoutWaitPrintsTheNewAttemptAndExitsZero() {
        answer(200, job(123, "failed"));
        answer(201, job(124, "pending"));

        assertThat(run("restart", web("jobs/123"))).isEqualTo(0);

        assertThat(out.toString()).contains("restarted (mode job): attempt 2 is job 124")
                .contains("https://gitlab.example.com/group/sub/app/-/jobs/124");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void waitThatOutlivesItsTimeoutExitsThree() {
        for (int i = 0; i < 50; i++) {
            answer(200, pipeline(4711, "running"));
        }

        int code = run("wait", web("pipelines/4711"), "--timeout", "300ms", "--first-poll", "20ms", "--poll-cap", "40ms");

        assertThat(code).isEqualTo(3);
        assertThat(out.toString()).contains("timed out").contains("last status running");
        assertThat(out.toString().lines().filter(l -> l.contains(": running")).count()).isEqualTo(1);
    }

    @Test
    void waitOnAManualPipelineEndsWithExitOne() {
        answer(200, pipeline(4711, "manual"));

        assertThat(run("wait", web("pipelines/4711"))).isEqualTo(1);
        assertThat(out.toString()).contains("blocked").contains("manual action");
    }

    @Test
    void rejectedTokenExitsFourWithoutPrintingIt() {
        answer(401, "{\"message\":\"401 Unauthorized\"}");

        assertThat(run("status", web("jobs/123"))).isEqualTo(4);
        assertThat(err.toString()).contains("401").contains("api");
    }

    @Test
    void missingBuildExitsFive() {
        answer(404, "{\"message\":\"404 Not found\"}");

        assertThat(run("wait", web("jobs/999"))).isEqualTo(5);
        assertThat(err.toString()).contains("404");
    }

    @Test
    void serverErrorsAfterRetriesExitSix() {
        for (int i = 0; i < 3; i++) {
            answer(502, "<html>Bad Gateway</html>");
        }

        assertThat(run("status", web("jobs/123"))).isEqualTo(6);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void unparseableBuildIsRefusedWithExitTwoBeforeAnyRequest() {
        assertThat(run("status", "https://example.com/nothing/here")).isEqualTo(2);
        assertThat(run("status", "not a url")).isEqualTo(2);
        assertThat(err.toString()).contains("expected a GitLab job or pipeline URL");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void unsupportedModeIsRefusedBeforeAnyRequest() {
        assertThat(run("restart", web("pipelines/4711"), "--mode", "job")).isEqualTo(2);
        assertThat(run("restart", web("jobs/1"), "--mode", "sideways")).isEqualTo(2);
        assertThat(err.toString()).contains("supported: all, failed").contains("expected one of all, failed, job");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void refusedRestartExitsSix() {
        answer(200, pipeline(4711, "running"));
        answer(200, pipeline(4711, "running"));

        assertThat(run("restart", web("pipelines/4711"))).isEqualTo(6);
        assertThat(err.toString()).contains("only a failed or canceled pipeline");
        assertThat(server.getRequestCount()).isEqualTo(2); // two reads, no POST
    }

    @Test
    void tokenFileIsUsedAndNeverPrinted(@TempDir Path dir) throws Exception {
        env.clear();
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        answer(403, "{\"message\":\"403 Forbidden\"}");

        assertThat(run("cancel", web("jobs/123"), "--token-file", file.toString())).isEqualTo(4);
        assertThat(server.takeRequest().getHeaders().get("PRIVATE-TOKEN")).isEqualTo(TOKEN);
    }

    @Test
    void cancelReportsTheStatusAfterwards() throws Exception {
        answer(201, job(123, "canceling"));
        answer(200, job(123, "canceled"));

        assertThat(run("cancel", web("jobs/123"), "--json")).isEqualTo(0);
        assertThat(json().get("status").asText()).isEqualTo("canceled");
        assertThat(server.takeRequest().getRequestLine())
                .isEqualTo("POST /api/v4/projects/group%2Fsub%2Fapp/jobs/123/cancel HTTP/1.1");
    }

    @Test
    void coordinatesAndBranchFindTheLatestPipeline() throws Exception {
        String base = server.url("/").toString();
        answer(200, "[" + pipeline(99, "success") + "]");
        answer(200, pipeline(99, "success"));

        int code = run("status", "--provider", "gitlab", "--server", base, "--project", "group/app", "--branch", "main");

        assertThat(code).isEqualTo(0);
        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/api/v4/projects/group%2Fapp/pipelines?ref=main&order_by=id&sort=desc&per_page=1");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v4/projects/group%2Fapp/pipelines/99");
    }

    @Test
    void apiUrlOverridesTheDerivedBase() throws Exception {
        answer(200, job(8, "success"));

        int code = run("status", "https://gitlab.example.com/g/p/-/jobs/8", "--api-url", server.url("/gitlab/api/v4").toString());

        assertThat(code).isEqualTo(0);
        assertThat(server.takeRequest().getTarget()).isEqualTo("/gitlab/api/v4/projects/g%2Fp/jobs/8");
    }

    @Test
    void apiVersionThreeUsesTheBuildsEndpoints() throws Exception {
        answer(200, job(8, "success"));

        assertThat(run("status", web("jobs/8"), "--api-version", "3")).isEqualTo(0);
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v3/projects/group%2Fsub%2Fapp/builds/8");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out.toString()).contains("Exit codes:").contains("3   the wait timed out").contains("GITLAB_TOKEN");
    }

    @Test
    void attemptsRestartAgainWhileTheBuildKeepsFailing() throws Exception {
        answer(200, job(123, "failed"));
        answer(201, job(124, "pending"));
        answer(200, job(124, "failed"));
        answer(201, job(125, "pending"));
        answer(200, job(125, "success"));

        int code = run("restart", web("jobs/123"), "--wait", "--attempts", "2", "--first-poll", "10ms",
                "--poll-cap", "20ms", "--json");

        assertThat(code).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("id").asText()).isEqualTo("125");
        assertThat(j.get("attempt").asInt()).isEqualTo(3);
        assertThat(j.get("previousIds").toString()).isEqualTo("[\"123\",\"124\"]");
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void attemptsWithoutWaitAreRefusedBeforeAnyRequest() {
        assertThat(run("restart", web("jobs/123"), "--attempts", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("--attempts needs --wait");
        assertThat(run("restart", web("jobs/123"), "--wait", "--retry-on", "sometimes")).isEqualTo(2);
        assertThat(server.getRequestCount()).isZero();
    }
}
