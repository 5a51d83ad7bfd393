package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The CLI's restart command end to end against a scripted GitLab: with and without waiting, again while the build
 * keeps failing, and refused before any request or by GitLab.
 */
class MainRestartTest extends GitLabCliHarness {

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
