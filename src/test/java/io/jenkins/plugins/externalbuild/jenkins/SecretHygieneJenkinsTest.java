package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Release build only: a Secret text credential through a GitLab on loopback that answers 401, 403, 404 and 500 and
 * echoes the token it received raw, URL-encoded, JSON-escaped and base64, in its bodies and headers. A Pipeline reads
 * status (the error paths) and restarts (a retry answered 500), keeping the exceptions it caught in a variable, and
 * sleeps (then is stopped). No form of the token (nor its XML/HTML escape) may be in any file under the run's directory while paused
 * (program.dat, build.xml) or after it (build.xml, the log files), the build log, the run's "External builds" page
 * or the plugin's and OkHttp's log records.
 */
@WithJenkins
class SecretHygieneJenkinsTest {

    /** Printable ASCII that every encoding changes: '/', '+', '"', '\', '=', '%', '&'. */
    static final String TOKEN = "glpat-s3cr3t/Hy+gi\"ene\\Jx=%&42";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    /** The token and every encoding a server could echo it in, by name. */
    static Map<String, String> forms(String secret) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("raw", secret);
        out.put("url-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
        out.put("url-encoded %20", URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        out.put("json-escaped", secret.replace("\\", "\\\\").replace("\"", "\\\""));
        out.put("base64", Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        out.put("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** The forms, and each as XML/HTML would escape it (build.xml, the run page). */
    static Set<String> needles() {
        Set<String> out = new LinkedHashSet<>();
        for (String form : forms(TOKEN).values()) {
            out.add(form);
            out.add(form.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;"));
            out.add(form.replace("&", "&amp;").replace("\"", "&#34;"));
            out.add(form.replace("&", "&amp;").replace("\"", "&#x22;"));
        }
        return out;
    }

    /** Answers every request with an error that quotes the token it received in every form. */
    static final class EchoingGitLab extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String got = String.valueOf(request.getHeaders().get("PRIVATE-TOKEN"));
            StringBuilder echo = new StringBuilder("you sent");
            forms(got).forEach((name, form) -> echo.append(' ').append(name).append('=').append(form));
            String json = "{\"message\":\"" + forms(echo.toString()).get("json-escaped") + "\",\"token\":\""
                    + forms(got).get("json-escaped") + "\"}";
            String path = request.getUrl().encodedPath();
            int code = path.endsWith("/jobs/1") ? 401 : path.endsWith("/jobs/2") ? 403 : path.endsWith("/jobs/3") ? 500
                    : path.endsWith("/jobs/4") ? 200 : path.endsWith("/retry") ? 500 : 404;
            if (code == 200) {
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body("{\"id\":4,\"name\":\"rspec\",\"status\":\"failed\",\"allow_failure\":false}").build();
            }
            MockResponse.Builder rsp = new MockResponse.Builder().code(code)
                    .addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", token=\"" + forms(got).get("base64") + "\"")
                    .addHeader("X-Echo", forms(got).get("url-encoded"));
            return code == 500 ? rsp.addHeader("Content-Type", "text/plain").body(echo + "\n" + json).build()
                    : rsp.addHeader("Content-Type", "application/json").body(json).build();
        }
    }

    @Test
    void noFormOfTheTokenInTheLogThePageOrTheRunsFiles(JenkinsRule r) throws Exception {
        server.setDispatcher(new EchoingGitLab());
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "secret-token", "GitLab", Secret.fromString(TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        String base = "http://localhost:" + server.getPort() + "/g/app/-/jobs/";
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        // The caught exceptions stay in a variable, so the paused program (program.dat) holds them.
        p.setDefinition(new CpsFlowDefinition("def caught = []\nfor (id in ['1', '2', '3', '404']) {\n"
                + "  try {\n    externalBuildStatus url: \"" + base + "${id}\", credentialsId: 'secret-token'\n"
                + "  } catch (e) {\n    caught << e\n    echo \"status ${id}: ${e.message}\"\n  }\n}\n"
                + "try {\n  restartExternalBuild url: '" + base + "4', credentialsId: 'secret-token', mode: 'job', "
                + "attempts: 1, timeout: 1\n} catch (e) {\n  caught << e\n  echo \"restart: ${e.message}\"\n}\n"
                + "echo \"caught ${caught.size()}\"\nsleep time: 10, unit: 'MINUTES'\n", true));

        WorkflowRun b;
        Map<String, String> places = new LinkedHashMap<>();
        List<String> records = new ArrayList<>();
        try (LogRecorder log = new LogRecorder().record("io.jenkins.plugins.externalbuild", Level.ALL)
                .record("okhttp3", Level.ALL).capture(10_000)) {
            b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Sleeping for 10 min", b);
            Path program = b.getRootDir().toPath().resolve("program.dat");
            for (int i = 0; i < 100 && !Files.exists(program); i++) {
                Thread.sleep(100); // saved (atomically) once the program pauses
            }
            addFiles(places, b, "while paused: ");
            assertThat(places.keySet()).contains("while paused: program.dat", "while paused: build.xml");
            b.doStop();
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            SimpleFormatter f = new SimpleFormatter();
            log.getRecords().forEach(rec -> records.add(f.format(rec)));
        }

        assertThat(server.getRequestCount()).as("requests the server answered with echoes").isGreaterThanOrEqualTo(5);
        String console = JenkinsRule.getLog(b);
        assertThat(console).as("every error path was taken").contains("status 1: ", "status 2: ", "status 3: ",
                "status 404: ", "restart: ");
        r.assertLogContains("caught 5", b);
        assertThat(console.lines().filter(l -> l.contains("you sent raw=")).count())
                .as("messages that quote the server's echo (redacted), so the search below is not vacuous").isPositive();
        places.put("build log", console);
        places.put("log records", String.join("\n", records));
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            WebResponse page = wc.goTo(b.getUrl() + "external-builds").getWebResponse();
            assertThat(page.getContentAsString()).contains("External builds");
            places.put("External builds page", page.getContentAsString());
        }
        addFiles(places, b, "");
        assertThat(places.keySet()).contains("build.xml", "log");

        List<String> found = new ArrayList<>();
        places.forEach((where, text) -> needles().stream().filter(text::contains)
                .forEach(form -> found.add(where + " holds " + describe(form))));
        assertThat(found).as("forms of the token found (%d places searched)", places.size()).isEmpty();
    }

    /** Every file under the run's directory, by relative path after {@code prefix}. */
    private static void addFiles(Map<String, String> places, WorkflowRun b, String prefix) throws Exception {
        Path root = b.getRootDir().toPath();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                places.put(prefix + root.relativize(file), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** Names a form without printing it whole (the test's own output is a log too). */
    private static String describe(String form) {
        return forms(TOKEN).entrySet().stream().filter(e -> e.getValue().equals(form)).map(Map.Entry::getKey)
                .findFirst().orElse("an XML-escaped form") + " (" + form.length() + " chars)";
    }
}
