package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every credential kind the CLI reads, through every error path a server or the network can produce, against a
 * provider server on loopback: the server rejects the credentials and echoes them back in its error body — raw, URL-
 * encoded (java.net and OkHttp's query encoding), JSON-escaped, base64 (alone, after ':' as Azure DevOps sends a PAT,
 * and the user:password pair of HTTP Basic) — or the connection drops (a non-ASCII token, whose value OkHttp's header
 * check would quote, is refused before any request: bad-inputs.tsv). Then every form of every secret is looked for in all the
 * output (stdout and stderr): none may appear. The proxy's password has {@code ProxyChallengeTest}.
 *
 * <p>The secrets hold '/', '+', '=', '"' and '\', so that each encoding differs from the raw value.
 */
class SecretHygieneTest {

    private static final String U1 = "5034460f-c7c4-4c43-9457-de07e2029e7b";
    private static final String U2 = "1a2b3c4d-0000-4000-8000-00000000b001";

    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    /** A kind of credential: its environment, its secrets (and the user of a user:password pair), its command. */
    record Kind(String name, Map<String, String> env, String user, List<String> secrets,
                Function<String, List<String>> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Kind> kinds() {
        String tok = "Tok/en+Value=\"q\\z-";
        return List.of(
                new Kind("gitlab GITLAB_TOKEN", Map.of("GITLAB_TOKEN", "glpat-" + tok), null, List.of("glpat-" + tok),
                        base -> List.of("status", base + "/g/p/-/jobs/8")),
                new Kind("gitlab --token-file", Map.of(), null, List.of("glpat-File" + tok),
                        base -> List.of("status", base + "/g/p/-/jobs/8", "--token-file", "@FILE")),
                new Kind("github GITHUB_TOKEN", Map.of("GITHUB_TOKEN", "ghp_" + tok), null, List.of("ghp_" + tok),
                        base -> List.of("status", "https://github.com/o/r/actions/runs/1", "--api-url", base)),
                new Kind("buildkite BUILDKITE_TOKEN", Map.of("BUILDKITE_TOKEN", "bkua_" + tok), null, List.of("bkua_" + tok),
                        base -> List.of("status", "https://buildkite.com/org/pipe/builds/12", "--api-url", base + "/v2")),
                new Kind("circleci CIRCLECI_TOKEN", Map.of("CIRCLECI_TOKEN", "CCIPAT_" + tok), null,
                        List.of("CCIPAT_" + tok), base -> List.of("status",
                        "https://app.circleci.com/pipelines/github/o/r/12/workflows/" + U1, "--api-url", base + "/api/v2")),
                new Kind("azure AZURE_DEVOPS_TOKEN", Map.of("AZURE_DEVOPS_TOKEN", "azpat" + tok), null, List.of("azpat" + tok),
                        base -> List.of("status", "https://dev.azure.com/org/proj/_build/results?buildId=5", "--api-url",
                                base + "/org/proj/_apis")),
                new Kind("codeship CODESHIP_USERNAME/PASSWORD", Map.of("CODESHIP_USERNAME", "ci@example.com",
                        "CODESHIP_PASSWORD", "cspw" + tok), "ci@example.com", List.of("cspw" + tok),
                        base -> List.of("status", "https://app.codeship.com/projects/" + U2 + "/builds/" + U1,
                                "--api-url", base + "/v2")),
                new Kind("codeship CODESHIP_API_KEY", Map.of("CODESHIP_API_KEY", "cskey" + tok), null, List.of("cskey" + tok),
                        base -> List.of("status", "https://app.codeship.com/projects/100001/builds/9000001", "--api-url",
                                base + "/api/v1")),
                new Kind("buildbot BUILDBOT_USER/PASSWORD", Map.of("BUILDBOT_USER", "admin", "BUILDBOT_PASSWORD",
                        "bbpw" + tok), "admin", List.of("bbpw" + tok),
                        base -> List.of("status", base + "/#/builders/1/builds/5")),
                new Kind("codebuild AWS keys", Map.of("AWS_ACCESS_KEY_ID", "AKIAHYGIENE000000001",
                        "AWS_SECRET_ACCESS_KEY", "awsSecret/Key+" + tok, "AWS_SESSION_TOKEN", "awsSession=" + tok),
                        null, List.of("AKIAHYGIENE000000001", "awsSecret/Key+" + tok, "awsSession=" + tok),
                        base -> List.of("status", "arn:aws:codebuild:us-east-1:123456789012:build/p:" + U1, "--api-url", base)));
    }

    /** How the server answers every request. */
    enum ErrorPath {
        REJECT_ECHO_RAW, REJECT_ECHO_URL_ENCODED, REJECT_ECHO_OKHTTP_ENCODED, REJECT_ECHO_JSON_ESCAPED,
        REJECT_ECHO_BASE64, FORBIDDEN_ECHO_BASIC_PAIR, SERVER_ERROR_ECHO_RAW, CONNECTION_DROPPED
    }

    static Stream<Arguments> cases() {
        return kinds().stream().flatMap(k -> Stream.of(ErrorPath.values()).map(p -> Arguments.of(k, p)));
    }

    /** How many cases showed the server's echo (redacted): most providers quote an error body. */
    private static final AtomicInteger ECHOED = new AtomicInteger();

    @AfterAll
    static void mostEchoesReachedTheOutput() {
        assertThat(ECHOED.get()).as("cases whose output quoted the echo, redacted").isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("cases")
    void noFormOfAnySecretIsPrinted(Kind kind, ErrorPath path) throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(kind, path);
            }
        });
        Map<String, String> env = new HashMap<>(kind.env());
        List<String> args = new ArrayList<>();
        Path file = dir.resolve("token");
        Files.writeString(file, kind.secrets().get(0) + "\n");
        String base = server.url("/").toString().replaceAll("/$", "");
        for (String a : kind.args().apply(base)) {
            args.add(a.equals("@FILE") ? file.toString() : a);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(env, new PrintWriter(out, true), new PrintWriter(err, true), CliHarness.context(d -> { }),
                ProviderRegistry.standard());

        int code = Main.run(cli, args.toArray(String[]::new));

        String all = out + "\n" + err;
        assertThat(code).as("an error exit; output: %s", all).isNotZero();
        assertThat(err.toString()).as("an error line").startsWith("extbuild: ");
        if (all.contains("rejected: ██") || all.contains("rejected: Basic ██")) {
            ECHOED.incrementAndGet(); // the server's echo reached the output, redacted
        }
        for (String form : forms(kind)) {
            assertThat(all).as("a form of a secret: %s", form).doesNotContain(form);
        }
    }

    private MockResponse answer(Kind kind, ErrorPath path) {
        StringBuilder echo = new StringBuilder("rejected:");
        for (String s : kind.secrets()) {
            echo.append(' ').append(switch (path) {
                case REJECT_ECHO_RAW, SERVER_ERROR_ECHO_RAW, CONNECTION_DROPPED -> s;
                case REJECT_ECHO_URL_ENCODED -> URLEncoder.encode(s, StandardCharsets.UTF_8);
                case REJECT_ECHO_OKHTTP_ENCODED -> okhttpQuery(s);
                case REJECT_ECHO_JSON_ESCAPED -> json(s).replace("/", "\\/");
                case REJECT_ECHO_BASE64 -> b64(":" + s) + " " + b64(s);
                case FORBIDDEN_ECHO_BASIC_PAIR -> "Basic " + b64((kind.user() == null ? "" : kind.user()) + ":" + s);
            });
        }
        MockResponse.Builder b = new MockResponse.Builder().setHeader("Content-Type", "text/plain").body(echo.toString());
        return switch (path) {
            case SERVER_ERROR_ECHO_RAW -> b.code(500).build();
            case FORBIDDEN_ECHO_BASIC_PAIR -> b.code(403).build();
            case CONNECTION_DROPPED -> b.onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
            default -> b.code(401).build();
        };
    }

    /** Every form of every secret of {@code kind}, computed here independently of the product's redactor. */
    static Set<String> forms(Kind kind) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : kind.secrets()) {
            out.add(s);
            out.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            out.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
            out.add(okhttpQuery(s));
            out.add(json(s));
            out.add(json(s).replace("/", "\\/"));
            out.add(b64(s));
            out.add(b64(":" + s));
            if (kind.user() != null) {
                out.add(b64(kind.user() + ":" + s));
                out.add(kind.user() + ":" + s);
            }
        }
        return out;
    }

    private static String okhttpQuery(String s) {
        return HttpUrl.get("http://h/").newBuilder().addQueryParameter("k", s).build().encodedQuery().substring(2);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
