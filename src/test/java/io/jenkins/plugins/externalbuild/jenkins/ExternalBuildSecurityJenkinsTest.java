package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Result;
import hudson.util.Secret;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.core.Authentication;

/**
 * Release build only: nothing lets a job act with credentials it was not given. Credentials scoped to one job
 * (a test credentials provider, as a folder store would) reach that job only; a sandboxed script reads the result
 * without approval and nothing else.
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
    @TestExtension("jobScopedCredentialsReachThatJobOnly")
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
}
