package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The README says after how many failed polls in a row a wait gives up; the CLI must give up after exactly that
 * many, against a GitLab that answers every request with 503 (each poll is one GET and the transport's two retries).
 */
class FailedPollsTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void aWaitGivesUpAfterAsManyFailedPollsAsTheReadmeSays() throws Exception {
        Matcher documented = Pattern.compile("after (\\d+) failed polls in a row").matcher(readme());
        assertThat(documented.find()).as("the README names the number").isTrue();
        int polls = Integer.parseInt(documented.group(1));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(503).body("{\"message\":\"maintenance\"}").build();
            }
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String web = server.url("/g/p/-/jobs/8").toString();

        int code = Main.run(CliHarness.cli(Map.of("GITLAB_TOKEN", "glpat-FailedPolls0123"), out, err), "wait", web,
                "--first-poll", "1ms", "--poll-cap", "2ms");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.PROVIDER_ERROR);
        assertThat(out + err.toString()).contains("gave up after " + polls + " failed polls in a row");
        assertThat(server.getRequestCount()).as("GETs: each poll and its two retries").isEqualTo(polls * 3);
    }

    private static String readme() throws Exception {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("cli"))) {
                return Files.readString(dir.resolve("README.md")).replaceAll("\\s+", " ");
            }
        }
        throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }
}
