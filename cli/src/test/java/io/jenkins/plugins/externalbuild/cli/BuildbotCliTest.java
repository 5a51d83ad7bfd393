package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.Json;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a scripted Buildbot 3.7.0 (answers as recorded in BuildbotProviderTest's fixtures): a restart of a
 * UI build URL waits through the new build request, credentials are optional, and the password never shows.
 */
class BuildbotCliTest {

    private static final String PASSWORD = "bb-Pa55word-4711";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();

    private int run(String... args) {
        Cli cli = CliHarness.cli(env, out, err);
        int code = Main.run(cli, args);
        assertThat(out.toString() + err.toString()).doesNotContain(PASSWORD).doesNotContain("session-jwt");
        return code;
    }

    private String base() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    private void answer(String body) {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build());
    }

    private static String builds(String... builds) {
        return "{\"builds\":[" + String.join(",", builds) + "],\"meta\":{}}";
    }

    private static String build(long id, long number, long brid, Integer results) {
        return "{\"builderid\":3,\"buildid\":" + id + ",\"buildrequestid\":" + brid + ",\"complete\":" + (results != null)
                + ",\"number\":" + number + ",\"results\":" + results + ",\"state_string\":\"x\"}";
    }

    private JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    @Test
    void restartOfAFailedBuildWaitsThroughItsBuildRequestUntilTheRebuildPasses() throws Exception {
        answer(builds(build(1, 1, 1, 2)));                   // status before the restart
        answer(builds(build(1, 1, 1, 2)));                   // the provider reads the build before rebuilding it
        answer("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":[2,{\"3\":2}]}");
        answer(builds());                                    // request 2: no build yet
        answer("{\"buildrequests\":[{\"buildrequestid\":2,\"builderid\":3,\"claimed\":false,\"complete\":false,"
                + "\"results\":-1}],\"meta\":{}}");
        answer(builds(build(2, 2, 2, null)));                // building
        answer(builds(build(2, 2, 2, 0)));                   // success

        int code = run("restart", base() + "/#/builders/3/builds/1", "--wait", "--first-poll", "10ms", "--poll-cap",
                "20ms", "--json");

        assertThat(code).as(err.toString()).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("provider").asText()).isEqualTo("buildbot");
        assertThat(j.get("kind").asText()).isEqualTo("buildrequest");
        assertThat(j.get("id").asText()).isEqualTo("2");
        assertThat(j.get("url").asText()).isEqualTo(base() + "/#/buildrequests/2");
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("result").asText()).isEqualTo("succeeded");
        assertThat(j.get("attempts").get(0).get("id").asText()).isEqualTo("1");
        assertThat(j.get("attempts").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("GET /api/v2/builders/3/builds/1 HTTP/1.1");
        server.takeRequest();
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("POST /api/v2/builds/1 HTTP/1.1");
        assertThat(err.toString()).contains("no credentials for buildbot");
    }

    @Test
    void cancelWithAUserLogsInFirstAndStopsTheBuild() throws Exception {
        env.put("BUILDBOT_USER", "admin");
        env.put("BUILDBOT_PASSWORD", PASSWORD);
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Set-Cookie", "TWISTED_SESSION=session-jwt; Path=/")
                .build());
        answer(builds(build(3, 1, 3, null)));
        answer("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":null}");
        answer(builds(build(3, 1, 3, 6)));

        int code = run("cancel", "--provider", "buildbot", "--server", base(), "--project", "slow", "--id", "1");

        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("buildbot build 1 (slow): canceled (cancelled)");
        RecordedRequest login = server.takeRequest();
        assertThat(login.getRequestLine()).isEqualTo("GET /auth/login HTTP/1.1");
        server.takeRequest();
        RecordedRequest stop = server.takeRequest();
        assertThat(stop.getRequestLine()).isEqualTo("POST /api/v2/builds/3 HTTP/1.1");
        assertThat(stop.getHeaders().get("Cookie")).isEqualTo("TWISTED_SESSION=session-jwt");
    }

    @Test
    void passwordWithoutUserIsBadInput() {
        env.put("BUILDBOT_PASSWORD", PASSWORD);

        assertThat(run("status", base() + "/#/builders/3/builds/1")).isEqualTo(2);
        assertThat(err.toString()).contains("BUILDBOT_USER and BUILDBOT_PASSWORD");
    }
}
