package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.cps.replay.ReplayAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Release build only: the steps in a real Jenkins against a scripted GitLab. */
@WithJenkins
class ExternalBuildStepsJenkinsTest {

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

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void restartsAFailedJobWaitsForTheNewOneAndReturnsAWhitelistedResult() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        WorkflowJob p = pipeline("def b = restartExternalBuild url: '" + FakeGitLab.url(server, "8")
                + "', credentialsId: 'gitlab-token', mode: 'job', timeout: 5\n"
                + "echo \"${b.status} after ${b.attempt} attempts: ${b.url} (was ${b.previousIds})\"");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("restarted gitlab job 8 (g/app) (mode job): attempt 2 is job 9", b);
        gitlab.jobStatus.put("9", "success");

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("success after 2 attempts: " + FakeGitLab.url(server, "9") + " (was [8])", b);
        r.assertLogNotContains(FakeGitLab.TOKEN, b);
        assertThat(gitlab.posts).containsExactly("/api/v4/projects/g%2Fapp/jobs/8/retry");
        ExternalBuildAction action = b.getAction(ExternalBuildAction.class);
        assertThat(action.getBuilds()).singleElement().satisfies(rec -> {
            assertThat(rec.getAttempts()).extracting(ExternalBuildRecord.Link::getId).containsExactly("8", "9");
            assertThat(rec.getResult()).isEqualTo("succeeded");
        });
    }

    @Test
    void aFailedRemoteBuildFailsTheStepUnlessPropagateIsOff() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        WorkflowJob p = pipeline("def b = waitForExternalBuild url: '" + FakeGitLab.url(server, "8")
                + "', credentialsId: 'gitlab-token', propagate: false\necho \"status=${b.status}\"\n"
                + "waitForExternalBuild url: '" + FakeGitLab.url(server, "8") + "', credentialsId: 'gitlab-token'");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("status=failed", b);
    }

    @Test
    void abortingTheBuildCancelsTheRemoteBuild() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        WorkflowJob p = pipeline("restartExternalBuild url: '" + FakeGitLab.url(server, "8")
                + "', credentialsId: 'gitlab-token'");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("gitlab job 9 (g/app) attempt 2: running", b);

        b.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertThat(gitlab.posts).contains("/api/v4/projects/g%2Fapp/jobs/9/cancel");
        r.assertLogContains("cancelled " + FakeGitLab.url(server, "9"), b);
    }

    @Test
    void statusAndCancelAreOneCallEach() throws Exception {
        gitlab.jobStatus.put("8", "running");
        WorkflowJob p = pipeline("def s = externalBuildStatus url: '" + FakeGitLab.url(server, "8")
                + "', credentialsId: 'gitlab-token'\necho \"read ${s.status}\"\n"
                + "def c = cancelExternalBuild url: '" + FakeGitLab.url(server, "8") + "', credentialsId: 'gitlab-token'\n"
                + "echo \"now ${c.status}\"");
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("read running", b);
        r.assertLogContains("now canceled", b);
    }

    @Test
    void snippetsRoundTrip() throws Exception {
        SnippetizerTester st = new SnippetizerTester(r);
        RestartExternalBuildStep restart = new RestartExternalBuildStep();
        restart.setUrl("https://gitlab.example.com/group/app/-/pipelines/4711");
        restart.setCredentialsId("gitlab-token");
        restart.setMode("failed");
        st.assertRoundTrip(restart, "restartExternalBuild credentialsId: 'gitlab-token', mode: 'failed', "
                + "url: 'https://gitlab.example.com/group/app/-/pipelines/4711'");
        WaitForExternalBuildStep wait = new WaitForExternalBuildStep();
        wait.setUrl("https://gitlab.example.com/group/app/-/jobs/8");
        wait.setTimeout(30);
        st.assertRoundTrip(wait, "waitForExternalBuild timeout: 30, url: 'https://gitlab.example.com/group/app/-/jobs/8'");
    }

    @Test
    void freestyleFormsRoundTripAndExportTheEnvironment() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        gitlab.jobStatus.put("9", "success");
        FreeStyleProject p = r.createFreeStyleProject();
        RestartExternalBuildBuilder builder = new RestartExternalBuildBuilder(FakeGitLab.url(server, "8"));
        builder.setCredentialsId("gitlab-token");
        builder.setAttempts(2);
        builder.setDelay(10);
        builder.setRetryOn("transient");
        p.getBuildersList().add(builder);

        r.configRoundtrip(p);
        r.assertEqualDataBoundBeans(builder, p.getBuildersList().get(RestartExternalBuildBuilder.class));

        var b = r.buildAndAssertSuccess(p);
        var env = b.getEnvironment(hudson.model.TaskListener.NULL);
        assertThat(env.get("EXTERNAL_BUILD_ID")).isEqualTo("9");
        assertThat(env.get("EXTERNAL_BUILD_STATUS")).isEqualTo("success");
        assertThat(env.get("EXTERNAL_BUILD_ATTEMPT")).isEqualTo("2");
    }

    @Test
    void theStepsNodeIsLabelledAndPipelinesGetNoExternalBuildVariables() throws Exception {
        gitlab.jobStatus.put("8", "success");
        WorkflowJob p = pipeline("waitForExternalBuild url: '" + FakeGitLab.url(server, "8")
                + "', credentialsId: 'gitlab-token'\necho \"env=${env.EXTERNAL_BUILD_ID}\"");
        WorkflowRun b = r.buildAndAssertSuccess(p);

        FlowNode node = new DepthFirstScanner().findFirstMatch(b.getExecution(),
                new NodeStepTypePredicate("waitForExternalBuild"));
        assertThat(node.getPersistentAction(LabelAction.class).getDisplayName())
                .isEqualTo("Wait for gitlab job 8 (g/app)");
        r.assertLogContains("env=null", b); // the result is the step's return value; no environment leaks to sh
    }

    @Test
    void runningTheJobAgainRestartsAgainButAReplayFollowsTheFirstRestart() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        gitlab.jobStatus.put("9", "success");
        WorkflowJob p = pipeline("def b = restartExternalBuild url: '" + FakeGitLab.url(server, "8")
                + "', credentialsId: 'gitlab-token'\necho \"now ${b.id}\"");
        WorkflowRun first = r.buildAndAssertSuccess(p);
        assertThat(gitlab.posts).hasSize(1);

        WorkflowRun replay = (WorkflowRun) first.getAction(ReplayAction.class)
                .run(((CpsFlowDefinition) p.getDefinition()).getScript(), Map.of(), false).get();
        r.assertBuildStatusSuccess(replay);
        r.assertLogContains("now 9", replay);
        assertThat(gitlab.posts).as("the replay follows run 1's restart").hasSize(1);

        WorkflowRun again = r.buildAndAssertSuccess(p);
        r.assertLogContains("now 9", again);
        assertThat(gitlab.posts).as("a new run restarts").containsExactly("/api/v4/projects/g%2Fapp/jobs/8/retry",
                "/api/v4/projects/g%2Fapp/jobs/8/retry");
    }

    @Test
    void aFreestyleJobFromXmlWithOnlyTheUrlRunsWithTheDeclaredDefaults() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        gitlab.jobStatus.put("9", "success");
        String xml = "<project><builders><" + RestartExternalBuildBuilder.class.getName() + "><url>"
                + FakeGitLab.url(server, "8") + "</url><credentialsId>gitlab-token</credentialsId></"
                + RestartExternalBuildBuilder.class.getName() + "></builders></project>";
        FreeStyleProject p = (FreeStyleProject) r.jenkins.createProjectFromXML("from-xml",
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        RestartExternalBuildBuilder builder = p.getBuildersList().get(RestartExternalBuildBuilder.class);
        assertThat(builder.isWait()).isTrue();
        assertThat(builder.getAttempts()).isEqualTo(1);
        assertThat(builder.getOnAbort()).isEqualTo("cancel");

        var b = r.buildAndAssertSuccess(p);
        r.assertLogContains("restarted gitlab job 8 (g/app)", b);
        assertThat(b.getEnvironment(hudson.model.TaskListener.NULL).get("EXTERNAL_BUILD_STATUS")).isEqualTo("success");
    }

    @Test
    void freestyleBuildStepsAreNotPipelineSteps() throws Exception {
        WorkflowJob p = pipeline("step([$class: 'RestartExternalBuildBuilder', url: '" + FakeGitLab.url(server, "8") + "'])");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        assertThat(gitlab.posts).isEmpty();
        r.assertLogNotContains("restarting", b);
    }
}
