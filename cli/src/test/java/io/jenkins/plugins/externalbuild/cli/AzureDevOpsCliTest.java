package io.jenkins.plugins.externalbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.Json;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a scripted Azure DevOps (answers shaped as in AzureDevOpsProviderTest's fixtures): the PAT comes
 * from AZURE_DEVOPS_TOKEN or the az CLI's AZURE_DEVOPS_EXT_PAT, and never shows in either spelling.
 */
class AzureDevOpsCliTest {

    private static final String PAT = "clipat4k7m2q9x5v8w3r6t1y0u4i7o2p5a8s3d6f9g2h5j8k1l4z";
    private static final String OTHER_PAT = "extpat9z8y7x6w5v4u3t2s1r0q9p8o7n6m5l4k3j2i1h0g9f8e7d";
    private static final String URL = "https://dev.azure.com/fabrikam/Fabrikam-Fiber/_build/results?buildId=1234";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();

    private int run(String... args) {
        Cli cli = CliHarness.cli(env, out, err);
        int code = Main.run(cli, args);
        for (String secret : new String[] {PAT, OTHER_PAT, basic(PAT), basic(OTHER_PAT)}) {
            assertThat(out.toString() + err.toString()).doesNotContain(secret);
        }
        return code;
    }

    private static String basic(String pat) {
        return Base64.getEncoder().encodeToString((":" + pat).getBytes(StandardCharsets.UTF_8));
    }

    private String apiUrl() {
        return server.url("/fabrikam/Fabrikam-Fiber/_apis").toString();
    }

    private void build(String status, String result) {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"id\":1234,\"status\":\"" + status + "\"" + (result == null ? "" : ",\"result\":\"" + result + "\"")
                        + ",\"definition\":{\"id\":29},\"sourceBranch\":\"refs/heads/main\",\"sourceVersion\":\"c4e8a8d\"}")
                .build());
    }

    private JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }

    @Test
    void restartRerunsTheFailedJobsAndWaitsForTheSameBuildToPass() throws Exception {
        env.put("AZURE_DEVOPS_EXT_PAT", OTHER_PAT);
        build("completed", "failed");      // status before the restart
        build("completed", "failed");      // the provider reads the build before retrying it
        build("inProgress", null);         // answer to PATCH ?retry=true
        build("inProgress", null);
        build("completed", "succeeded");

        int code = run("restart", URL, "--api-url", apiUrl(), "--wait", "--first-poll", "10ms", "--poll-cap", "20ms", "--json");

        assertThat(code).as(err.toString()).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("provider").asText()).isEqualTo("azure");
        assertThat(j.get("id").asText()).isEqualTo("1234");
        assertThat(j.get("url").asText()).isEqualTo(URL);
        assertThat(j.get("attempt").asInt()).isEqualTo(2);
        assertThat(j.get("result").asText()).isEqualTo("succeeded");
        RecordedRequest first = server.takeRequest();
        assertThat(first.getRequestLine()).isEqualTo("GET /fabrikam/Fabrikam-Fiber/_apis/build/builds/1234?api-version=7.1 HTTP/1.1");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Basic " + basic(OTHER_PAT));
        server.takeRequest();
        assertThat(server.takeRequest().getRequestLine())
                .isEqualTo("PATCH /fabrikam/Fabrikam-Fiber/_apis/build/builds/1234?retry=true&api-version=7.1 HTTP/1.1");
    }

    @Test
    void azureDevOpsTokenIsPreferredOverTheAzCliVariable() throws Exception {
        env.put("AZURE_DEVOPS_TOKEN", PAT);
        env.put("AZURE_DEVOPS_EXT_PAT", OTHER_PAT);
        build("inProgress", null);

        int code = run("status", "--provider", "azure", "--project", "fabrikam/Fabrikam-Fiber", "--id", "1234",
                "--api-url", apiUrl());

        assertThat(code).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("azure build 1234 (fabrikam/Fabrikam-Fiber): running (inProgress/none)");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Basic " + basic(PAT));
    }

    @Test
    void rejectedPatIsAnAuthErrorThatNamesNoSecret() {
        env.put("AZURE_DEVOPS_TOKEN", PAT);
        server.enqueue(new MockResponse.Builder().code(203).setHeader("Content-Type", "text/html")
                .body("<html><title>Azure DevOps Services | Sign In</title></html>").build());

        int code = run("status", URL, "--api-url", apiUrl());

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("personal access token was not accepted");
    }
}
