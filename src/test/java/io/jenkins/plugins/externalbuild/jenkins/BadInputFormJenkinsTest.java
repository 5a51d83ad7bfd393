package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ProxyConfiguration;
import hudson.Util;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.externalbuild.BadInputTable;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.api.SoftAssertions;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Release build only: the rows of {@code bad-inputs.tsv} in a real Jenkins. Every {@code url} row is posted (with a
 * crumb, as the browser does) to the {@code url} field's form check of the Pipeline steps (globally) and of the
 * freestyle builders (in a job): an error with the CLI's message. Every {@code coord} row runs as a Pipeline step's
 * provider/server/project/kind/buildId: the step fails with the CLI's message. Jenkins' HTTP proxy is a loopback
 * server, so anything the plugin sent to any host would reach it: it receives nothing. A user who may read the job
 * but not configure it gets an empty answer from the same checks.
 */
@WithJenkins
class BadInputFormJenkinsTest {

    private static final String STEP_CHECK = "descriptorByName/" + RestartExternalBuildStep.class.getName() + "/checkUrl";
    private static final String BUILDER_CHECK = "job/free/descriptorByName/" + RestartExternalBuildBuilder.class.getName()
            + "/checkUrl";
    private static final String WAIT_BUILDER_CHECK = "job/free/descriptorByName/"
            + WaitForExternalBuildBuilder.class.getName() + "/checkUrl";

    /** The step's parameter for each CLI flag of a coord row. */
    private static final Map<String, String> STEP_PARAMETERS = Map.of("provider", "provider", "server", "server",
            "project", "project", "kind", "kind", "buildId", "id");

    /** Jenkins' proxy: every request of the plugin, to any host, would arrive here. */
    @StartStop
    private final MockWebServer proxy = new MockWebServer();
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        proxy.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(403).build();
            }
        });
        r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.getPort()));
        FreeStyleProject job = r.createFreeStyleProject("free");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader")
                .grant(Item.READ).onItems(job).to("reader"));
    }

    private static List<BadInputTable> rows(String front) {
        return BadInputTable.rows().stream().filter(row -> row.front().equals(front)).toList();
    }

    /** The HTML of a form check, posted as the browser posts it. */
    private String check(JenkinsRule.WebClient wc, String path, String value) throws Exception {
        WebRequest req = new WebRequest(new URL(r.getURL(), path), HttpMethod.POST);
        req.setRequestParameters(new ArrayList<>(List.of(new NameValuePair("value", value))));
        wc.addCrumb(req);
        WebResponse rsp = wc.getPage(req).getWebResponse();
        return rsp.getStatusCode() + " " + rsp.getContentAsString();
    }

    @Test
    void everyBadUrlIsAFormErrorWithTheCliMessageAndNothingIsSent() throws Exception {
        List<BadInputTable> rows = rows("url");
        assertThat(rows).as("url rows in bad-inputs.tsv").hasSizeGreaterThanOrEqualTo(100);
        SoftAssertions soft = new SoftAssertions();
        int checks = 0;
        try (JenkinsRule.WebClient wc = r.createWebClient().login("admin")) {
            for (BadInputTable row : rows) {
                for (String path : List.of(STEP_CHECK, BUILDER_CHECK, WAIT_BUILDER_CHECK)) {
                    String answer = check(wc, path, row.input());
                    checks++;
                    soft.assertThat(answer).as(row + " at " + path).startsWith("200 <div class=\"error\">")
                            .contains(Util.escape(row.message())).doesNotContain("<br>").doesNotContain("Exception");
                }
            }
        }
        soft.assertAll();
        assertThat(checks).isEqualTo(3 * rows.size());
        assertThat(proxy.getRequestCount()).as("requests sent anywhere").isZero();
    }

    @Test
    void aUserWhoMayNotConfigureLearnsNothingFromTheUrlCheck() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        try (JenkinsRule.WebClient wc = r.createWebClient().login("reader")) {
            wc.setThrowExceptionOnFailingStatusCode(false);
            for (BadInputTable row : rows("url")) {
                for (String path : List.of(STEP_CHECK, BUILDER_CHECK)) {
                    soft.assertThat(check(wc, path, row.input())).as(row + " at " + path).isEqualTo("200 <div/>");
                }
            }
        }
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            wc.setThrowExceptionOnFailingStatusCode(false);
            BadInputTable row = rows("url").get(0);
            soft.assertThat(check(wc, BUILDER_CHECK, row.input())).as("anonymous (sent to sign in)")
                    .doesNotContain(Util.escape(row.message())).doesNotContain("class=\"error\"");
        }
        soft.assertAll();
        assertThat(proxy.getRequestCount()).isZero();
    }

    @Test
    void everyBadCoordinateFailsThePipelineStepWithTheCliMessageAndNothingIsSent() throws Exception {
        List<BadInputTable> rows = rows("coord");
        assertThat(rows).as("coord rows in bad-inputs.tsv").hasSizeGreaterThanOrEqualTo(20);
        StringBuilder script = new StringBuilder("def rows = [\n");
        for (BadInputTable row : rows) {
            List<String> args = new ArrayList<>();
            STEP_PARAMETERS.forEach((param, flag) -> {
                if (row.flag(flag) != null) {
                    args.add(param + ": " + groovy(row.flag(flag)));
                }
            });
            script.append("  [").append(row.line()).append(", [").append(String.join(", ", args)).append("]],\n");
        }
        script.append("]\nfor (row in rows) {\n  try {\n    externalBuildStatus(row[1])\n    echo \"ROW ${row[0]} ACCEPTED\"\n"
                + "  } catch (e) {\n    echo \"ROW ${row[0]} REFUSED: ${e.message}\"\n  }\n}\n");
        WorkflowJob p = r.createProject(WorkflowJob.class, "coords");
        p.setDefinition(new CpsFlowDefinition(script.toString(), true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String log = JenkinsRule.getLog(b);
        SoftAssertions soft = new SoftAssertions();
        for (BadInputTable row : rows) {
            soft.assertThat(log).as(row.toString()).contains("ROW " + row.line() + " REFUSED: ")
                    .doesNotContain("ROW " + row.line() + " ACCEPTED");
            String line = log.lines().filter(l -> l.startsWith("ROW " + row.line() + " ")).findFirst().orElse("");
            soft.assertThat(line).as(row.toString()).contains(row.message()).doesNotContain("Exception");
        }
        soft.assertAll();
        assertThat(proxy.getRequestCount()).as("requests sent anywhere").isZero();

        // The control: a good URL does reach the proxy (refused there), so the zero above means nothing was sent.
        p.setDefinition(new CpsFlowDefinition("try {\n  externalBuildStatus url: 'https://gitlab.example.com/g/p/-/jobs/8'\n"
                + "} catch (e) {\n  echo \"CONTROL: ${e.message}\"\n}", true));
        r.assertLogContains("CONTROL: ", r.buildAndAssertSuccess(p));
        assertThat(proxy.takeRequest().getRequestLine()).as("the control's request").contains("gitlab.example.com");
    }

    /** {@code s} as a Groovy single-quoted string literal. */
    private static String groovy(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '\'') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }
}
