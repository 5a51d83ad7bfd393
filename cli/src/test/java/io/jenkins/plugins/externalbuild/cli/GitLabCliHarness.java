package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.Json;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;

/**
 * What the end-to-end CLI tests against a scripted GitLab share: the server and its answers (shaped as in GitLab's
 * doc/api/jobs.md and doc/api/pipelines.md), captured output, and a run that checks the token never shows.
 */
abstract class GitLabCliHarness {

    static final String TOKEN = "glpat-Secret0123456789abcdef";

    @StartStop
    final MockWebServer server = new MockWebServer();

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Map<String, String> env = new HashMap<>(Map.of("GITLAB_TOKEN", TOKEN));
    final List<Duration> pauses = new ArrayList<>();

    int run(String... args) {
        Cli cli = CliHarness.cli(env, out, err, pauses::add);
        int code = Main.run(cli, args);
        assertThat(out.toString() + err.toString()).doesNotContain(TOKEN);
        return code;
    }

    String web(String path) {
        String base = server.url("/").toString();
        return base.substring(0, base.length() - 1) + "/group/sub/app/-/" + path;
    }

    void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    static String job(long id, String status) {
        return "{\"id\":" + id + ",\"name\":\"rspec\",\"stage\":\"test\",\"status\":\"" + status
                + "\",\"ref\":\"main\",\"web_url\":\"https://gitlab.example.com/group/sub/app/-/jobs/" + id + "\"}";
    }

    static String pipeline(long id, String status) {
        return "{\"id\":" + id + ",\"status\":\"" + status + "\",\"ref\":\"main\",\"sha\":\"0ff3ae19\","
                + "\"web_url\":\"https://gitlab.example.com/group/sub/app/-/pipelines/" + id + "\"}";
    }

    JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }
}
