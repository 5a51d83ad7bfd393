package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI end to end against a scripted GitLab: status, wait and cancel, exit codes, output lines, JSON, options,
 * and that the token never shows. The restart command is in {@link MainRestartTest}.
 */
class MainTest extends GitLabCliHarness {

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
}
