package io.jenkins.plugins.externalbuild.jenkins;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** Release build only: a wait survives a restart of Jenkins and completes in the next session. */
class ExternalBuildRestartJenkinsTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeGitLab gitlab = new FakeGitLab();

    @Test
    void aWaitResumesAfterARestartAndCompletes() throws Throwable {
        server.setDispatcher(gitlab);
        gitlab.jobStatus.put("8", "running");
        sessions.then(r -> {
            SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                    "gitlab-token", "GitLab", Secret.fromString(FakeGitLab.TOKEN)));
            SystemCredentialsProvider.getInstance().save();
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("def b = waitForExternalBuild url: '" + FakeGitLab.url(server, "8")
                    + "', credentialsId: 'gitlab-token'\necho \"ended ${b.status}\"", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("gitlab job 8 (g/app): running", b);
        });
        gitlab.jobStatus.put("8", "success");
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("ended success", b);
        });
    }
}
