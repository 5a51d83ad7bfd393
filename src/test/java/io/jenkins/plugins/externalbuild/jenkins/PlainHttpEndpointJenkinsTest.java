package io.jenkins.plugins.externalbuild.jenkins;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.externalbuild.provider.CleartextGuard;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Release build only: an endpoint's "Allow plain http" in a real Jenkins. It survives the Manage Jenkins → System
 * form and a configuration-as-code export and import; a Pipeline step that would send a token over plain http to
 * a host that is not a loopback name is refused with the guard's message and sends nothing, and goes through once
 * the endpoint allows it. The "remote" host is this machine's own name, used only where it resolves to loopback
 * alone (the test is skipped, saying so, elsewhere), so nothing leaves the machine.
 */
@WithJenkins
class PlainHttpEndpointJenkinsTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeGitLab gitlab = new FakeGitLab();
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        server.setDispatcher(gitlab);
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "gitlab-token", "GitLab", Secret.fromString(FakeGitLab.TOKEN)));
        SystemCredentialsProvider.getInstance().save();
    }

    private static ProviderEndpoint endpoint(String serverUrl, boolean allowHttp) {
        ProviderEndpoint e = new ProviderEndpoint("lan-gitlab", "gitlab", serverUrl);
        e.setCredentialsId("gitlab-token");
        e.setAllowHttp(allowHttp);
        return e;
    }

    @Test
    void allowHttpSurvivesTheSystemFormAndHasHelpNamingTheRisk() throws Exception {
        ExternalBuildConfiguration.get().setEndpoints(List.of(endpoint("http://gitlab.lan.example", true)));

        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage page = wc.goTo("manage/configure");
            assertThat(page.getWebResponse().getContentAsString()).contains("Allow plain http");
            r.submit(page.getFormByName("config"));
            String help = wc.goTo("descriptor/" + ProviderEndpoint.class.getName() + "/help/allowHttp")
                    .getWebResponse().getContentAsString();
            assertThat(help).containsIgnoringCase("network");
        }

        List<ProviderEndpoint> saved = ExternalBuildConfiguration.get().getEndpoints();
        r.assertEqualDataBoundBeans(List.of(endpoint("http://gitlab.lan.example", true)), saved);
        assertThat(saved.get(0).isAllowHttp()).isTrue();

        ExternalBuildConfiguration.get().setEndpoints(List.of(endpoint("http://gitlab.lan.example", false)));
        r.configRoundtrip();
        assertThat(ExternalBuildConfiguration.get().getEndpoints().get(0).isAllowHttp()).isFalse();
    }

    @Test
    void allowHttpIsExportedAndImportedAsCode(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("in.yml");
        Files.writeString(yaml, """
                unclassified:
                  externalBuild:
                    endpoints:
                      - name: "lan-gitlab"
                        provider: "gitlab"
                        serverUrl: "http://gitlab.lan.example"
                        credentialsId: "gitlab-token"
                        allowHttp: true
                """, StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(yaml.toString());
        assertThat(ExternalBuildConfiguration.get().getEndpoints()).singleElement()
                .satisfies(e -> assertThat(e.isAllowHttp()).isTrue());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = toYamlString(getUnclassifiedRoot(context).get("externalBuild"));
        assertThat(exported).contains("allowHttp: true").contains("name: \"lan-gitlab\"");

        ExternalBuildConfiguration.get().setEndpoints(List.of());
        Path again = dir.resolve("again.yml");
        Files.writeString(again, "unclassified:\n  externalBuild:\n" + exported.indent(4), StandardCharsets.UTF_8);
        ConfigurationAsCode.get().configure(again.toString());
        r.assertEqualDataBoundBeans(List.of(endpoint("http://gitlab.lan.example", true)),
                ExternalBuildConfiguration.get().getEndpoints());
    }

    @Test
    void aTokenOverPlainHttpToANonLoopbackNameIsRefusedUntilTheEndpointAllowsIt() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();
        boolean onlyLoopback = Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
        Assumptions.assumeTrue(onlyLoopback && !CleartextGuard.isLoopback(host), "SKIPPED: this machine's name '" + host
                + "' must resolve to loopback only and not be a loopback name to CleartextGuard");
        String serverUrl = "http://" + host + ":" + server.getPort();
        String url = serverUrl + "/g/app/-/jobs/8";
        gitlab.jobStatus.put("8", "running");
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("def s = externalBuildStatus url: '" + url + "', credentialsId: "
                + "'gitlab-token'\necho \"read ${s.status}\"", true));

        ExternalBuildConfiguration.get().setEndpoints(List.of(endpoint(serverUrl, false)));
        WorkflowRun refused;
        try (LogRecorder warnings = new LogRecorder().record("io.jenkins.plugins.externalbuild", Level.WARNING)
                .capture(100)) {
            refused = r.buildAndAssertStatus(Result.FAILURE, p);
            assertThat(warnings.getRecords()).as("a refused input is the user's, not a warning with a stack trace")
                    .noneMatch(rec -> rec.getThrown() instanceof IllegalArgumentException);
        }
        r.assertLogContains("Refusing to send credentials over plain http to " + serverUrl, refused);
        r.assertLogContains("the endpoint's \"Allow plain http\"", refused);
        r.assertLogNotContains("Exception", refused);
        WorkflowJob loops = r.createProject(WorkflowJob.class, "loops");
        String args = "url: '" + url + "', credentialsId: 'gitlab-token', timeout: 1";
        loops.setDefinition(new CpsFlowDefinition("try {\n  restartExternalBuild " + args + "\n} catch (e) {\n"
                + "  echo \"restartExternalBuild: ${e.message}\"\n}\ntry {\n  waitForExternalBuild " + args + "\n"
                + "} catch (e) {\n  echo \"waitForExternalBuild: ${e.message}\"\n}", true));
        WorkflowRun refusedLoops = r.buildAndAssertSuccess(loops);
        String loopsLog = JenkinsRule.getLog(refusedLoops);
        for (String step : List.of("restartExternalBuild", "waitForExternalBuild")) {
            assertThat(loopsLog.lines().filter(l -> l.startsWith(step + ": ")).findFirst()).as(step)
                    .hasValueSatisfying(l -> assertThat(l).contains("Refusing to send credentials over plain http to "
                            + serverUrl).doesNotContain("timed out"));
        }
        assertThat(server.getRequestCount()).as("requests sent while refused").isZero();

        ExternalBuildConfiguration.get().setEndpoints(List.of(endpoint(serverUrl, true)));
        WorkflowRun allowed = r.buildAndAssertSuccess(p);
        r.assertLogContains("read running", allowed);
        assertThat(server.getRequestCount()).as("requests once allowed").isPositive();
        assertThat(server.takeRequest().getHeaders().get("PRIVATE-TOKEN")).isEqualTo(FakeGitLab.TOKEN);
        r.assertLogNotContains(FakeGitLab.TOKEN, allowed);
    }
}
