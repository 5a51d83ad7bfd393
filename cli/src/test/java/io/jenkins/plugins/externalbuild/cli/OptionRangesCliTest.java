package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every numeric option of {@code restart} and {@code wait}: its help states its range, a value just outside is bad input
 * (exit code 2, its first line naming the option) with nothing sent, and the bounds themselves are accepted.
 */
class OptionRangesCliTest {

    private static final String BUILD = "https://gitlab.example.com/group/app/-/jobs/8";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String command, String option, String value) {
        List<String> args = new ArrayList<>(List.of(command, BUILD, "--api-url", server.url("/api/v4").toString(),
                option, value));
        if (command.equals("restart")) {
            args.add("--wait");
        }
        return Main.run(CliHarness.cli(Map.of("GITLAB_TOKEN", "glpat-RangeTest0123456789"), out, err),
                args.toArray(String[]::new));
    }

    private String help(String command) {
        StringWriter helpOut = new StringWriter();
        Main.run(CliHarness.cli(Map.of(), helpOut, new StringWriter()), command, "--help");
        return helpOut.toString().replaceAll("\\s+", " ");
    }

    @ParameterizedTest
    @CsvSource({
        "restart, --attempts, 1-20, 0",
        "restart, --attempts, 1-20, 21",
        "restart, --attempts, 1-20, -1",
        "restart, --backoff, 1-10, 0.5",
        "restart, --backoff, 1-10, 10.5",
        "restart, --backoff, 1-10, NaN",
        "restart, --delay, at most 60m, 61m",
        "restart, --timeout, at most 7 days, 10081",
        "wait, --timeout, at most 7 days, 169h",
        "wait, --timeout, at most 7 days, 999999999999999",
        "wait, --poll-cap, at most 60m, 2h",
        "wait, --first-poll, at most 60m, 61m",
        "wait, --max-queued, at most 7 days, 169h",
        "wait, --timeout, at most 7 days, 0",
    })
    void aValueOutsideTheRangeInTheHelpIsBadInputAndSendsNothing(String command, String option, String range,
                                                                    String value) {
        assertThat(help(command)).contains(option).contains(range);

        int code = run(command, option, value);

        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString().lines().findFirst().orElse("")).contains(option);
        assertThat(server.getRequestCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "restart, --attempts, 1",
        "restart, --attempts, 20",
        "restart, --backoff, 1",
        "restart, --backoff, 10",
        "restart, --delay, 60m",
        "wait, --timeout, 10080",
        "wait, --poll-cap, 60m",
        "wait, --first-poll, 60m",
        "wait, --max-queued, 168h",
    })
    void theBoundsThemselvesAreAccepted(String command, String option, String value) {
        server.enqueue(new MockResponse.Builder().code(404).body("{\"message\":\"404 Not found\"}").build());

        int code = run(command, option, value);

        assertThat(code).as(err.toString()).isEqualTo(5);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
