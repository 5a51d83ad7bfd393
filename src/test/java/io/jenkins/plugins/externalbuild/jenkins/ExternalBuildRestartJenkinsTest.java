package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Release build only: Jenkins restarted (a new session on the same home) during each phase of
 * {@code restartExternalBuild} — reading the build first, a restart request in flight, waiting on the new attempt,
 * the pause before a further restart — and aborted right after a restart, before and after the step resumed (the
 * remote build is cancelled once, or left with {@code onAbort: 'leave'}). Never a second restart of one attempt.
 */
class ExternalBuildRestartJenkinsTest {

    private static final String RETRY_8 = "/api/v4/projects/g%2Fapp/jobs/8/retry";
    private static final String RETRY_9 = "/api/v4/projects/g%2Fapp/jobs/9/retry";
    private static final String CANCEL_9 = "/api/v4/projects/g%2Fapp/jobs/9/cancel";

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeGitLab gitlab = new FakeGitLab();

    @BeforeEach
    void script() {
        server.setDispatcher(gitlab);
    }

    private WorkflowRun start(JenkinsRule r, String step) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "gitlab-token", "GitLab", Secret.fromString(FakeGitLab.TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("def b = " + step + " url: '" + FakeGitLab.url(server, "8")
                + "', credentialsId: 'gitlab-token'\necho \"ended ${b.status} at ${b.id}\"", true));
        return p.scheduleBuild2(0).waitForStart();
    }

    private static WorkflowRun build(JenkinsRule r) {
        return r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
    }

    @Test
    void aWaitResumesAfterARestartAndCompletes() throws Throwable {
        gitlab.jobStatus.put("8", "running");
        sessions.then(r -> r.waitForMessage("gitlab job 8 (g/app): running", start(r, "waitForExternalBuild")));
        gitlab.jobStatus.put("8", "success");
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("ended success at 8", b);
        });
    }

    @Test
    void restartedWhileReadingTheBuildFirst() throws Throwable {
        gitlab.jobStatus.put("8", "failed");
        gitlab.jobStatus.put("9", "success");
        HoldingDispatcher hold = new HoldingDispatcher(gitlab, "GET", "/api/v4/projects/g%2Fapp/jobs/8");
        server.setDispatcher(hold);
        sessions.then(r -> {
            start(r, "restartExternalBuild");
            assertThat(hold.arrived.await(60, TimeUnit.SECONDS)).isTrue();
        });
        hold.release(); // the old controller's read is answered into the void
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("ended success at 9", b);
        });
        assertThat(gitlab.posts).containsExactly(RETRY_8);
    }

    @Test
    void restartedWhileTheRestartRequestIsInFlight() throws Throwable {
        gitlab.jobStatus.put("8", "failed");
        HoldingDispatcher hold = new HoldingDispatcher(gitlab, "POST", RETRY_8);
        server.setDispatcher(hold);
        sessions.then(r -> {
            start(r, "restartExternalBuild");
            assertThat(hold.arrived.await(60, TimeUnit.SECONDS)).isTrue();
        });
        sessions.then(r -> {
            WorkflowRun b = build(r);
            // Whether GitLab got the retry is unknown (job 8 still reads failed): not sent twice, the step says so.
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            r.assertLogContains("is not sent twice", b);
        });
        hold.release();
        assertThat(server.getRequestCount()).isPositive();
        assertThat(gitlab.posts).as("only the one held in flight").containsExactly(RETRY_8);
    }

    @Test
    void restartedWhileWaitingOnTheNewAttempt() throws Throwable {
        gitlab.jobStatus.put("8", "failed");
        sessions.then(r -> r.waitForMessage("gitlab job 9 (g/app) attempt 2: running", start(r, "restartExternalBuild")));
        gitlab.jobStatus.put("9", "success");
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("ended success at 9", b);
        });
        assertThat(gitlab.posts).containsExactly(RETRY_8);
    }

    @Test
    void restartedDuringThePauseBeforeAFurtherRestart() throws Throwable {
        gitlab.jobStatus.put("8", "failed");
        gitlab.jobStatus.put("9", "failed");
        gitlab.jobStatus.put("10", "success");
        sessions.then(r -> r.waitForMessage("restart 2 of 2; restarting in 15 s",
                start(r, "restartExternalBuild attempts: 2, delay: 15,")));
        sessions.then(r -> {
            WorkflowRun b = build(r);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("ended success at 10", b);
        });
        assertThat(gitlab.posts).containsExactly(RETRY_8, RETRY_9);
    }

    @Test
    void abortedBeforeTheStepResumedCancelsTheRemoteBuildOnce() throws Throwable {
        gitlab.jobStatus.put("8", "failed");
        sessions.then(r -> r.waitForMessage("gitlab job 9 (g/app) attempt 2: running", start(r, "restartExternalBuild")));
        sessions.then(r -> {
            WorkflowRun b = build(r);
            b.doStop(); // before Pipeline resumed anything: it ends the run and never calls the step's stop()
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            r.assertLogContains("cancelling " + FakeGitLab.url(server, "9") + " (onAbort: cancel)", b);
            ExternalBuildRecord.Link last = awaitFinal(b);
            assertThat(last.getStatus()).isEqualTo("cancel requested (was running)");
            assertThat(last.getSymbol()).isEqualTo("aborted");
            assertThat(b.getAction(ExternalBuildAction.class).getBuilds().get(0).getResult()).isEqualTo("cancelled");
        });
        assertThat(gitlab.posts).as("no second restart; one cancel, sent by the run's end")
                .containsExactly(RETRY_8, CANCEL_9);
    }

    @Test
    void abortedBeforeTheStepResumedLeavesTheRemoteBuildWithOnAbortLeave() throws Throwable {
        gitlab.jobStatus.put("8", "failed");
        sessions.then(r -> r.waitForMessage("gitlab job 9 (g/app) attempt 2: running",
                start(r, "restartExternalBuild onAbort: 'leave',")));
        sessions.then(r -> {
            WorkflowRun b = build(r);
            b.doStop();
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            r.assertLogContains("left " + FakeGitLab.url(server, "9") + " running (onAbort: leave)", b);
            assertThat(awaitFinal(b).getStatus()).isEqualTo("left running (onAbort: leave; was running)");
        });
        assertThat(gitlab.posts).as("no cancel").containsExactly(RETRY_8);
    }

    /** The last attempt on the run page once it no longer reads as running (the cancel is answered off the run's thread). */
    private static ExternalBuildRecord.Link awaitFinal(WorkflowRun b) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            ExternalBuildRecord.Link last = b.getAction(ExternalBuildAction.class).getBuilds().get(0).getCurrent();
            if (!last.getState().equals("running")) {
                return last;
            }
            Thread.sleep(100); // test-only
        }
        throw new AssertionError("the run page still shows the remote build running");
    }

    @Test
    void abortedAfterTheStepResumedCancelsTheRemoteBuildOnce() throws Throwable {
        gitlab.jobStatus.put("8", "failed");
        sessions.then(r -> r.waitForMessage("gitlab job 9 (g/app) attempt 2: running", start(r, "restartExternalBuild")));
        int before = server.getRequestCount();
        sessions.then(r -> {
            WorkflowRun b = build(r);
            for (int i = 0; i < 600 && server.getRequestCount() == before; i++) {
                Thread.sleep(100); // test-only: until the resumed step polls job 9 again
            }
            b.doStop();
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            r.assertLogContains("cancelled " + FakeGitLab.url(server, "9"), b);
        });
        assertThat(gitlab.posts).containsExactly(RETRY_8, CANCEL_9);
    }
}
