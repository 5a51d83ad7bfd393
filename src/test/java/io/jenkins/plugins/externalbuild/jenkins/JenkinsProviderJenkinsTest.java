package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Cause;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import hudson.model.User;
import hudson.tasks.Shell;
import jenkins.model.Jenkins;
import jenkins.security.ApiTokenProperty;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Release build only: the Jenkins provider (issue 13) against a real Jenkins — this JenkinsRule's own, serving as
 * the "remote" controller over real HTTP on loopback. A Pipeline restarts a failed freestyle build with parameters
 * through {@code restartExternalBuild}, authenticated as a remote user with an API token held in a Username with
 * password credential, and waits for the new build to succeed.
 */
@WithJenkins
class JenkinsProviderJenkinsTest {

    @Test
    void restartsAFailedParameterizedFreestyleBuildAndWaitsForItsSuccess(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("remote"));
        String token = User.getById("remote", true).getProperty(ApiTokenProperty.class)
                .generateNewToken("external-build").plainValue;
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "remote-jenkins", "API token of 'remote'", "remote", token));
        SystemCredentialsProvider.getInstance().save();

        FreeStyleProject app = r.createFreeStyleProject("app");
        app.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("FLAVOR", "plain")));
        app.getBuildersList().add(new Shell("echo \"flavor=$FLAVOR\"\ntest \"$BUILD_NUMBER\" != 1"));
        r.assertBuildStatus(Result.FAILURE, app.scheduleBuild2(0, new Cause.UserIdCause(),
                new ParametersAction(new StringParameterValue("FLAVOR", "spicy"))));

        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("def b = restartExternalBuild url: '" + r.getURL() + "job/app/1/', "
                + "credentialsId: 'remote-jenkins'\necho \"ended ${b.status} at ${b.id}, attempt ${b.attempt}\"", true));
        WorkflowRun run = r.buildAndAssertSuccess(p);

        r.assertLogContains("ended success at 2, attempt 2", run);
        r.assertLogNotContains(token, run);
        assertThat(app.getBuilds()).as("exactly one restart").hasSize(2);
        FreeStyleBuild again = app.getBuildByNumber(2);
        r.assertBuildStatusSuccess(again);
        assertThat(again.getAction(ParametersAction.class).getParameter("FLAVOR").getValue()).isEqualTo("spicy");
        r.assertLogContains("flavor=spicy", again);
        assertThat(again.getCause(Cause.UserIdCause.class).getUserId()).as("built by the API user").isEqualTo("remote");
    }
}
