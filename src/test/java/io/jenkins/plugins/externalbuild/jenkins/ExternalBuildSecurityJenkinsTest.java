package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.User;
import hudson.model.queue.QueueTaskFuture;
import hudson.util.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.core.Authentication;

/**
 * Release build only: nothing lets a job act with credentials it was not given. Credentials scoped to one job
 * (a test credentials provider, as a folder store would) reach that job only; a sandboxed script reads the result
 * without approval and nothing else; a restricted user's sandboxed Pipeline, run as that user, reaches only the
 * credentials given to its job.
 */
@WithJenkins
class ExternalBuildSecurityJenkinsTest {

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeGitLab gitlab = new FakeGitLab();
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        server.setDispatcher(gitlab);
        gitlab.jobStatus.put("8", "failed");
    }

    /** Gives the credential {@code job-token} to the job named {@code allowed} and to nothing else. */
    @TestExtension
    public static final class OneJobsCredentials extends CredentialsProvider {
        @Override
        public <C extends Credentials> List<C> getCredentialsInItem(Class<C> type, Item item, Authentication auth,
                                                                    List<DomainRequirement> requirements) {
            List<C> out = new ArrayList<>();
            Credentials c = new StringCredentialsImpl(CredentialsScope.GLOBAL, "job-token", "for 'allowed'",
                    Secret.fromString(FakeGitLab.TOKEN));
            if (item.getFullName().equals("allowed") && type.isInstance(c)) {
                out.add(type.cast(c));
            }
            return out;
        }

        @Override
        public <C extends Credentials> List<C> getCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
                                                                         Authentication auth,
                                                                         List<DomainRequirement> requirements) {
            return List.of();
        }
    }

    private WorkflowJob job(String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void jobScopedCredentialsReachThatJobOnly() throws Exception {
        String script = "def s = externalBuildStatus url: '" + FakeGitLab.url(server, "8")
                + "', credentialsId: 'job-token'\necho \"read ${s.status}\"";
        WorkflowRun ok = r.buildAndAssertSuccess(job("allowed", script));
        r.assertLogContains("read failed", ok);
        int requests = server.getRequestCount();

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job("other", script));

        r.assertLogContains("No credentials with id 'job-token' are visible to this job", refused);
        assertThat(server.getRequestCount()).as("nothing sent").isEqualTo(requests);
        assertThat(CredentialsLookup.list(r.jenkins.getItemByFullName("other", WorkflowJob.class), "", null))
                .extracting(o -> o.value).doesNotContain("job-token");
    }

    @Test
    void aSandboxedScriptReadsTheResultWithoutApprovalAndNothingElse() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "gitlab-token", "GitLab", Secret.fromString(FakeGitLab.TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        String read = "def s = externalBuildStatus url: '" + FakeGitLab.url(server, "8") + "', credentialsId: 'gitlab-token'\n";

        WorkflowRun ok = r.buildAndAssertSuccess(job("reads", read + "echo \"status=${s.status} raw=${s.rawStatus} "
                + "attempt=${s.attempt} previous=${s.previousIds} ok=${s.successful} provider=${s.provider} id=${s.id} "
                + "result=${s.result} jobs=${s.failedJobs.size()}\""));
        r.assertLogContains("status=failed raw=failed attempt=1 previous=[] ok=false provider=gitlab id=8 result=read", ok);

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job("escapes",
                read + "echo s.getClass().getClassLoader().toString()"));
        r.assertLogContains("Scripts not permitted to use method java.lang.Class getClassLoader", refused);
    }

    @Test
    void aRestrictedUsersSandboxedPipelineReachesOnlyTheCredentialsItsJobWasGiven() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "gitlab-token", "Jenkins-wide, not given to dev", Secret.fromString(FakeGitLab.TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        // No Job/Configure: in the credentials plugin it implies Credentials/UseItem (every credential the job's
        // context holds), checked below.
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("dev")
                .grant(Item.READ, Item.BUILD).everywhere().to("dev"));
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(new MockQueueItemAuthenticator()
                .authenticate("allowed", User.getById("dev", true).impersonate2()));
        gitlab.jobStatus.put("9", "success");
        String restart = "def b = restartExternalBuild url: '" + FakeGitLab.url(server, "8")
                + "', credentialsId: '%s'\necho \"ended ${b.status} at ${b.id}\"";
        WorkflowJob p = job("allowed", restart.formatted("gitlab-token"));

        WorkflowRun refused = run(p, Result.FAILURE);
        r.assertLogContains("No credentials with id 'gitlab-token' are visible to this job", refused);
        assertThat(server.getRequestCount()).as("nothing sent").isZero();

        p.setDefinition(new CpsFlowDefinition(restart.formatted("job-token"), true));
        WorkflowRun ok = run(p, Result.SUCCESS);
        r.assertLogContains("ended success at 9", ok);
        assertThat(gitlab.posts).containsExactly("/api/v4/projects/g%2Fapp/jobs/8/retry");

        // Job/Configure implies Credentials/UseItem: dev's job may then use what the job's context holds.
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("dev")
                .grant(Item.READ, Item.BUILD, Item.CONFIGURE).everywhere().to("dev"));
        p.setDefinition(new CpsFlowDefinition("def s = externalBuildStatus url: '" + FakeGitLab.url(server, "8")
                + "', credentialsId: 'gitlab-token'\necho \"read ${s.status}\"", true));
        r.assertLogContains("read failed", run(p, Result.SUCCESS));
    }

    /** Runs {@code p}; a build that never leaves the queue fails at once with the queue's reason. */
    private WorkflowRun run(WorkflowJob p, Result expected) throws Exception {
        QueueTaskFuture<WorkflowRun> f = p.scheduleBuild2(0);
        WorkflowRun b;
        try {
            b = f.getStartCondition().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            Queue.Item waiting = r.jenkins.getQueue().getItem(p);
            throw new AssertionError("still queued: " + (waiting == null ? "?" : waiting.getWhy()), e);
        }
        return r.assertBuildStatus(expected, r.waitForCompletion(b));
    }
}
