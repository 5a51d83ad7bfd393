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
 * The CLI against a scripted AWS CodeBuild (AWS JSON 1.1, answers shaped as in the CodeBuild API Reference and the
 * provider's fixtures): keys from the AWS standard environment, the endpoint from --api-url, and no key material in
 * the output.
 */
class CodeBuildCliTest {

    private static final String KEY_ID = "AKIDCLITEST000000001";
    private static final String SECRET = "cliSecretAccessKey/0123456789+abcdefghij";
    private static final String SESSION = "cliSessionToken0123456789abcdefEXAMPLE";
    private static final String OLD = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e03";
    private static final String NEW = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e04";
    private static final String ARN = "arn:aws:codebuild:us-east-1:123456789012:build/" + OLD;

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>(Map.of(
            "AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", SESSION));

    private int run(String... args) {
        Cli cli = CliHarness.cli(env, out, err);
        int code = Main.run(cli, args);
        assertThat(out.toString() + err.toString()).doesNotContain(SECRET).doesNotContain(SESSION).doesNotContain(KEY_ID);
        return code;
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/x-amz-json-1.1")
                .body(body).build());
    }

    private static String build(String id, String status, String phase) {
        return "{\"id\":\"" + id + "\",\"arn\":\"arn:aws:codebuild:us-east-1:123456789012:build/" + id + "\","
                + "\"projectName\":\"externalbuild-demo\",\"buildStatus\":\"" + status + "\",\"currentPhase\":\"" + phase + "\"}";
    }

    private static String builds(String id, String status, String phase) {
        return "{\"builds\":[" + build(id, status, phase) + "],\"buildsNotFound\":[]}";
    }

    private String api() {
        return server.url("/").toString();
    }

    private JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    @Test
    void restartWaitsForTheRetriedBuildUntilItSucceeds() throws Exception {
        answer(200, builds(OLD, "FAILED", "COMPLETED"));
        answer(200, "{\"build\":" + build(NEW, "IN_PROGRESS", "QUEUED") + "}");
        answer(200, builds(NEW, "IN_PROGRESS", "QUEUED"));
        answer(200, builds(NEW, "IN_PROGRESS", "BUILD"));
        answer(200, builds(NEW, "SUCCEEDED", "COMPLETED"));

        int code = run("restart", ARN, "--api-url", api(), "--wait", "--first-poll", "10ms", "--poll-cap", "20ms", "--json");

        assertThat(code).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("provider").asText()).isEqualTo("codebuild");
        assertThat(j.get("id").asText()).isEqualTo(NEW);
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("previousIds").get(0).asText()).isEqualTo(OLD);
        assertThat(j.get("status").asText()).isEqualTo("success");
        assertThat(j.get("url").asText()).startsWith("https://us-east-1.console.aws.amazon.com/codesuite/codebuild/");
        RecordedRequest first = server.takeRequest();
        assertThat(first.getHeaders().get("X-Amz-Target")).isEqualTo("CodeBuild_20161006.BatchGetBuilds");
        assertThat(first.getHeaders().get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID
                + "/").contains("/us-east-1/codebuild/aws4_request");
        assertThat(first.getHeaders().get("X-Amz-Security-Token")).isEqualTo(SESSION);
        RecordedRequest retry = server.takeRequest();
        assertThat(retry.getHeaders().get("X-Amz-Target")).isEqualTo("CodeBuild_20161006.RetryBuild");
        assertThat(retry.getBody().utf8()).contains("\"id\":\"" + OLD + "\"").contains("\"idempotencyToken\":\"externalbuild-");
    }

    @Test
    void waitRidesOutAThrottledPollAndEndsWithTheBuild() throws Exception {
        server.enqueue(new MockResponse.Builder().code(400).setHeader("Retry-After", "0")
                .setHeader("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/")
                .body("{\"message\":\"Rate exceeded\"}").build());
        answer(200, builds(OLD, "SUCCEEDED", "COMPLETED"));

        int code = run("wait", ARN, "--api-url", api(), "--first-poll", "10ms", "--poll-cap", "20ms");

        assertThat(code).isEqualTo(0);
        assertThat(err.toString()).contains("ThrottlingException").contains("rate_limited");
        assertThat(out.toString()).contains("codebuild build " + OLD).contains("success");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void throttledStatusExitsSixWithoutKeyMaterial() {
        answer(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");

        assertThat(run("status", ARN, "--api-url", api())).isEqualTo(6);
        assertThat(err.toString()).contains("Rate exceeded");
    }

    @Test
    void coordinatesTakeTheRegionFromAwsRegion() throws Exception {
        env.put("AWS_REGION", "eu-west-1");
        answer(200, builds(OLD, "IN_PROGRESS", "SUBMITTED"));

        int code = run("status", "--provider", "codebuild", "--id", OLD, "--api-url", api(), "--json");

        assertThat(code).isEqualTo(0);
        assertThat(json().get("status").asText()).isEqualTo("queued");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).contains("/eu-west-1/codebuild/aws4_request");
    }

    @Test
    void rejectedKeysExitFour() {
        answer(400, "{\"__type\":\"UnrecognizedClientException\",\"message\":\"The security token included in the request is invalid.\"}");

        assertThat(run("status", ARN, "--api-url", api())).isEqualTo(4);
        assertThat(err.toString()).contains("UnrecognizedClientException");
    }
}
