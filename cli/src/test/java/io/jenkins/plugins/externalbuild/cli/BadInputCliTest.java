package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.Call;
import okhttp3.EventListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@code bad-inputs.tsv} through {@code extbuild}: the documented exit code, one line on stderr
 * ("extbuild: " and the row's message, no usage dump, no Java exception name), nothing on stdout, and nothing sent:
 * the HTTP client resolves no host and opens no connection. {@code BadInputStepCheckTest} runs the same table
 * through the Jenkins step's checks.
 */
class BadInputCliTest {

    /** A valid credential for every provider, so that a row fails for its own reason only. */
    static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("GITLAB_TOKEN", "glpat-BadInput0123456789"), Map.entry("GITHUB_TOKEN", "ghp_BadInput0123456789"),
            Map.entry("BUILDKITE_TOKEN", "bkua_BadInput0123456789"), Map.entry("CIRCLECI_TOKEN", "CCIPAT_BadInput0123"),
            Map.entry("AZURE_DEVOPS_TOKEN", "azpat0BadInput0123456789"), Map.entry("CODESHIP_USERNAME", "ci@example.com"),
            Map.entry("CODESHIP_PASSWORD", "cs-BadInput-password"), Map.entry("BUILDBOT_USER", "ci"),
            Map.entry("BUILDBOT_PASSWORD", "bb-BadInput-password"), Map.entry("AWS_ACCESS_KEY_ID", "AKIABADINPUT0123456"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "awsSecretBadInput0123456789"), Map.entry("AWS_REGION", "us-east-1"));

    @TempDir
    static Path files;

    @BeforeAll
    static void prepareFiles() throws Exception {
        Files.writeString(files.resolve("twolines"), "glpat-TokenLine1\nsecond-line\n");
        Files.writeString(files.resolve("nul"), "ghp_Token\0Nul");
        Files.writeString(files.resolve("big"), "x".repeat(5000));
        try (RandomAccessFile huge = new RandomAccessFile(files.resolve("huge").toFile(), "rw")) {
            huge.setLength(64L * 1024 * 1024); // sparse: its size is what counts
        }
        Files.createDirectory(files.resolve("dir"));
        Files.writeString(files.resolve("empty"), "\n");
        Process mkfifo = new ProcessBuilder("mkfifo", files.resolve("fifo").toString()).start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
    }

    static Stream<BadInputTable> cliRows() {
        return BadInputTable.rows().stream();
    }

    @Test
    void theTableCoversEveryProviderAndBothFrontEnds() {
        List<BadInputTable> rows = BadInputTable.rows();
        long both = rows.stream().filter(r -> !r.front().equals("cli")).count();
        assertThat(rows.size() + both).as("cases: every row in the CLI, url and coord rows in Jenkins too")
                .isGreaterThanOrEqualTo(150);
        for (String provider : List.of("gitlab", "github.com", "buildkite", "circleci", "azure", "codeship", "codebuild",
                "buildbot")) {
            assertThat(rows).as(provider).anyMatch(r -> r.input().toLowerCase().contains(provider));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cliRows")
    void refusedWithOneLineAndNothingSent(BadInputTable row) {
        AtomicInteger network = new AtomicInteger();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(row.env(ENV), new PrintWriter(out, true), new PrintWriter(err, true), context(network),
                ProviderRegistry.standard());
        List<String> args = new ArrayList<>();
        if (!row.front().equals("cli")) {
            args.add("status");
        }
        args.addAll(row.front().equals("url") ? List.of(row.input()) : files(row.args()));

        int code = Main.run(cli, args.toArray(String[]::new));

        String message = files(row.message());
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(row.exit());
        assertThat(err.toString().lines().toList()).as("stderr").hasSize(1);
        assertThat(err.toString()).startsWith("extbuild: ").contains(message)
                .doesNotContain("Exception", "java.", "Usage:");
        assertThat(out.toString()).as("stdout").isEmpty();
        assertThat(network.get()).as("DNS lookups and connections").isZero();
    }

    /** A client that counts every attempt to reach the network, and can resolve no name. */
    static ProviderContext context(AtomicInteger network) {
        HttpTransport.Settings settings = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024 * 1024, 0, Duration.ofMillis(1));
        var client = HttpTransport.clientBuilder(settings).proxy(Proxy.NO_PROXY)
                .dns(host -> {
                    network.incrementAndGet();
                    throw new UnknownHostException(host + ": the bad-input test resolves nothing");
                })
                .eventListener(new EventListener() {
                    @Override
                    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                        network.incrementAndGet();
                    }
                }).build();
        return new ProviderContext(client, settings, d -> { }, Clock.systemUTC());
    }

    private static List<String> files(List<String> args) {
        return args.stream().map(BadInputCliTest::files).toList();
    }

    private static String files(String text) {
        return text.replaceAll("@FILE:([a-z]+)", java.util.regex.Matcher.quoteReplacement(files.toString()) + "/$1");
    }

}
