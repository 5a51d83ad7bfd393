package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code extbuild restart} does not give up on one transient answer: one 500, one 429 with {@code Retry-After: 2}, or
 * one garbled 200 to the read before the restart and again to the provider's own read inside the restart (GitHub,
 * Codeship, Buildkite, CircleCI) are tried again within {@code --timeout}, and the restart request is sent exactly once.
 */
class RestartTransientReadsCliTest {

    /** The faults of the issue, each as the provider would send it. */
    enum Fault {
        SERVER_ERROR(new MockResponse.Builder().code(500).setHeader("Content-Type", "application/json")
                .body("{\"message\":\"Internal Server Error\"}").build()),
        RATE_LIMITED(new MockResponse.Builder().code(429).setHeader("Retry-After", "2")
                .setHeader("Content-Type", "application/json").body("{\"message\":\"Too Many Requests\"}").build()),
        GARBLED(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"id\":1,\"status\":\"compl").build());

        final MockResponse response;

        Fault(MockResponse response) {
            this.response = response;
        }
    }

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    /** Runs the command; returns every request the server received, in order. */
    private List<String> run(Map<String, String> env, String... args) throws Exception {
        int code = Main.run(CliHarness.cli(env, out, err), args);
        assertThat(code).as(out + "\n" + err).isZero();
        List<String> lines = new ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            RecordedRequest r = server.takeRequest();
            lines.add(r.getMethod() + " " + r.getUrl().encodedPath());
        }
        assertThat(err.toString()).contains("trying again in");
        return lines;
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void gitHub(Fault fault) throws Exception {
        String created = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String failed = "{\"id\":30433642,\"status\":\"completed\",\"conclusion\":\"failure\",\"run_attempt\":1,"
                + "\"created_at\":\"" + created + "\",\"run_started_at\":\"" + created + "\"}";
        server.enqueue(fault.response);                          // the read before the restart
        answer(200, failed);
        server.enqueue(fault.response);                          // the provider's check of the re-run limits
        answer(200, failed);
        answer(201, "{}");
        answer(200, failed.replace("\"run_attempt\":1", "\"run_attempt\":2"));

        List<String> requests = run(Map.of("GITHUB_TOKEN", "ghp_TransientTest0123456789abcdefABCDEF"), "restart",
                "https://github.com/octo-org/octo-repo/actions/runs/30433642", "--api-url", server.url("/").toString(),
                "--first-poll", "10ms", "--timeout", "1m");

        String run = "/repos/octo-org/octo-repo/actions/runs/30433642";
        assertThat(requests).containsExactly("GET " + run, "GET " + run, "GET " + run, "GET " + run,
                "POST " + run + "/rerun-failed-jobs", "GET " + run);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void codeship(Fault fault) throws Exception {
        String org = "0c1e6f2a-5b7d-4e1f-9a3c-2d4e6f8a0b1c";
        String project = "1a2b3c4d-0000-4000-8000-00000000b001";
        String build = "2b3c4d5e-1111-4111-8111-000000000003";
        String old = "{\"build\":{\"uuid\":\"" + build + "\",\"project_uuid\":\"" + project + "\",\"ref\":\"heads/master\","
                + "\"status\":\"error\",\"queued_at\":\"2023-11-14T22:14:02.250Z\",\"finished_at\":\"2023-11-14T22:18:42.900Z\"}}";
        answer(200, "{\"access_token\":\"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.transient\",\"expires_at\":"
                + (System.currentTimeMillis() / 1000 + 3600) + ",\"organizations\":[{\"uuid\":\"" + org + "\"}]}");
        server.enqueue(fault.response);                          // the read before the restart
        answer(200, old);
        server.enqueue(fault.response);                          // the provider's read of the build before restarting
        answer(200, old);
        answer(200, "{\"project\":{\"uuid\":\"" + project + "\",\"type\":\"basic\"}}");
        server.enqueue(new MockResponse.Builder().code(202).build());

        List<String> requests = run(Map.of("CODESHIP_USERNAME", "bot@example.com", "CODESHIP_PASSWORD", "Pa55-transient"),
                "restart", "https://app.codeship.com/projects/" + project + "/builds/" + build, "--api-url",
                server.url("/v2").toString(), "--first-poll", "10ms", "--timeout", "1m");

        String path = "/v2/organizations/" + org + "/projects/" + project;
        assertThat(requests).containsExactly("POST /v2/auth", "GET " + path + "/builds/" + build,
                "GET " + path + "/builds/" + build, "GET " + path + "/builds/" + build, "GET " + path + "/builds/" + build,
                "GET " + path, "POST " + path + "/builds/" + build + "/restart");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void buildkite(Fault fault) throws Exception {
        String failed = "{\"id\":\"0190f1a0-0000-4000-8000-000000000042\",\"number\":42,\"state\":\"failed\","
                + "\"web_url\":\"https://buildkite.com/acme/web-app/builds/42\",\"jobs\":[]}";
        server.enqueue(fault.response);                          // the read before the restart
        answer(200, failed);
        server.enqueue(fault.response);                          // the provider's read before retrying the failed jobs
        answer(200, failed);
        answer(200, failed.replace("\"failed\"", "\"failing\""));

        List<String> requests = run(Map.of("BUILDKITE_TOKEN", "bkua_transient0123456789abcdef0123456789abc"), "restart",
                "https://buildkite.com/acme/web-app/builds/42", "--api-url", server.url("/v2").toString(),
                "--first-poll", "10ms", "--timeout", "1m");

        String b = "/v2/organizations/acme/pipelines/web-app/builds/42";
        assertThat(requests).containsExactly("GET " + b, "GET " + b, "GET " + b, "GET " + b, "PUT " + b + "/retry_failed_jobs");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void circleCi(Fault fault) throws Exception {
        String wf = "fda08377-fe7e-46b1-8992-3a7aaecac9c3";
        String failed = "{\"pipeline_id\":\"5034460f-c7c4-4c43-9457-de07e2029e7b\",\"id\":\"" + wf + "\",\"name\":\"build\","
                + "\"project_slug\":\"gh/acme/app\",\"status\":\"failed\",\"pipeline_number\":130}";
        server.enqueue(fault.response);                          // the read before the restart
        answer(200, failed);
        server.enqueue(fault.response);                          // the provider's read before the rerun
        answer(200, failed);
        answer(202, "{\"workflow_id\":\"0e53027b-521a-4c40-9042-47e72b3c63a3\"}");

        List<String> requests = run(Map.of("CIRCLECI_TOKEN", "CCIPAT_transient_0123456789abcdef0123456789abcdef"),
                "restart", "https://app.circleci.com/pipelines/github/acme/app/130/workflows/" + wf, "--api-url",
                server.url("/api/v2").toString(), "--first-poll", "10ms", "--timeout", "1m");

        String w = "/api/v2/workflow/" + wf;
        assertThat(requests).containsExactly("GET " + w, "GET " + w, "GET " + w, "GET " + w, "POST " + w + "/rerun");
    }

    @Test
    void aRestartRequestAnswered500IsNotSentAgain() throws Exception {
        String failed = "{\"id\":\"0190f1a0-0000-4000-8000-000000000042\",\"number\":42,\"state\":\"failed\",\"jobs\":[]}";
        answer(200, failed);
        answer(200, failed);
        server.enqueue(Fault.SERVER_ERROR.response);

        int code = Main.run(CliHarness.cli(Map.of("BUILDKITE_TOKEN", "bkua_transient0123456789abcdef0123456789abc"), out, err),
                "restart", "https://buildkite.com/acme/web-app/builds/42", "--api-url", server.url("/v2").toString(),
                "--first-poll", "10ms", "--timeout", "1m");

        assertThat(code).isEqualTo(6);
        assertThat(err.toString()).contains("could not restart").doesNotContain("trying again");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }
}
