package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.Json;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a scripted Jenkins (answers shaped as in JenkinsProviderTest's fixtures): a restart follows the queue
 * item to the new build number, credentials come from JENKINS_USER with JENKINS_API_TOKEN or a token file, and the
 * token never shows.
 */
class JenkinsCliTest {

    private static final String USER = "api-bot";
    private static final String TOKEN = "11c0ffee0ddba11cafe0123456789abcd";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();

    private int run(String... args) {
        Cli cli = CliHarness.cli(env, out, err);
        int code = Main.run(cli, args);
        assertThat(out.toString() + err.toString()).doesNotContain(TOKEN);
        return code;
    }

    private String base() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    private String build(int number, boolean building, String result, String actions) {
        return "{\"_class\":\"hudson.model.FreeStyleBuild\"," + (actions == null ? "" : "\"actions\":" + actions + ",")
                + "\"building\":" + building + ",\"duration\":" + (building ? 0 : 5000) + ",\"estimatedDuration\":5000,"
                + "\"number\":" + number + ",\"queueId\":" + (number + 16) + ",\"result\":" + (result == null ? "null"
                : "\"" + result + "\"") + ",\"timestamp\":1764990000000,\"url\":\"" + base() + "/job/app/" + number + "/\"}";
    }

    private JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    @Test
    void restartWaitsThroughTheQueueItemAndEndsWithTheNewBuildNumber() throws Exception {
        env.put("JENKINS_USER", USER);
        env.put("JENKINS_API_TOKEN", TOKEN);
        String params = "[{\"_class\":\"hudson.model.ParametersAction\",\"parameters\":[{\"_class\":"
                + "\"hudson.model.StringParameterValue\",\"name\":\"TARGET\",\"value\":\"staging\"}]}]";
        answer(200, build(41, false, "FAILURE", null));          // status before the restart
        answer(200, build(41, false, "FAILURE", params));        // the restart reads its parameters
        answer(200, "{\"buildable\":true,\"nextBuildNumber\":42,\"property\":[{\"parameterDefinitions\":[{\"name\":\"TARGET\"}]}]}");
        answer(405, "");                                         // GET buildWithParameters: permitted
        server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", base() + "/queue/item/58/").build());
        answer(200, "{\"_class\":\"hudson.model.Queue$LeftItem\",\"id\":58,\"cancelled\":false,"
                + "\"executable\":{\"number\":42,\"url\":\"" + base() + "/job/app/42/\"}}");
        answer(200, build(42, true, null, null));
        answer(200, build(42, false, "SUCCESS", null));

        int code = run("restart", base() + "/job/app/41/console", "--wait", "--first-poll", "10ms", "--poll-cap", "20ms",
                "--json");

        assertThat(code).as(err.toString()).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("provider").asText()).isEqualTo("jenkins");
        assertThat(j.get("kind").asText()).isEqualTo("build");
        assertThat(j.get("id").asText()).isEqualTo("42");
        assertThat(j.get("url").asText()).isEqualTo(base() + "/job/app/42/");
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("result").asText()).isEqualTo("succeeded");
        assertThat(j.get("attempts").get(0).get("id").asText()).isEqualTo("41");
        for (int i = 0; i < 4; i++) {
            RecordedRequest r = server.takeRequest();
            assertThat(r.getHeaders().get("Authorization")).isEqualTo(okhttp3.Credentials.basic(USER, TOKEN));
        }
        RecordedRequest post = server.takeRequest();
        assertThat(post.getRequestLine()).isEqualTo("POST /job/app/buildWithParameters?delay=0sec HTTP/1.1");
        assertThat(post.getBody().utf8()).isEqualTo("TARGET=staging");
        assertThat(server.takeRequest().getRequestLine()).startsWith("GET /queue/item/58/api/json?tree=");
    }

    @Test
    void theTokenFileGoesWithJenkinsUser(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        env.put("JENKINS_USER", USER);
        answer(200, build(41, false, "UNSTABLE", null));

        assertThat(run("status", base() + "/job/app/41/", "--token-file", file.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("failed (UNSTABLE)");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo(okhttp3.Credentials.basic(USER, TOKEN));
    }

    @Test
    void aTokenWithoutUserIsBadInputAndNothingIsSent() {
        env.put("JENKINS_API_TOKEN", TOKEN);

        assertThat(run("status", base() + "/job/app/41/")).isEqualTo(2);
        assertThat(err.toString()).contains("JENKINS_USER").doesNotContain("\tat ");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aPermalinkIsBadInputAndNothingIsSent() {
        assertThat(run("status", base() + "/job/app/lastFailedBuild/")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("not a permalink such as lastBuild").doesNotContain("\n");
        assertThat(server.getRequestCount()).isZero();
    }
}
