package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.externalbuild.engine.ManualScheduler;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The execution's guards, offline (issue 10, defects 1, 6, 7, 11 and {@code propagate: false}): one loop per
 * step whatever the order of {@code stop} and {@code onResume}, one completion, the replay guard per run and step,
 * the program saved per phase and not per poll, and CodeBuild refused without Jenkins credentials.
 */
class ExternalBuildExecutionGuardsTest {

    @StartStop
    final MockWebServer server = new MockWebServer();
    private final FakeGitLab gitlab = new FakeGitLab();

    @BeforeEach
    void scriptGitLab() {
        server.setDispatcher(gitlab);
    }

    private WaitForExternalBuildStep waitStep(String jobId) {
        WaitForExternalBuildStep step = new WaitForExternalBuildStep();
        step.setUrl(FakeGitLab.url(server, jobId));
        step.setCredentialsId(TestServices.CREDENTIALS_ID);
        return step;
    }

    private RestartExternalBuildStep restartStep(String jobId) {
        RestartExternalBuildStep step = new RestartExternalBuildStep();
        step.setUrl(FakeGitLab.url(server, jobId));
        step.setCredentialsId(TestServices.CREDENTIALS_ID);
        return step;
    }

    private static ExternalBuildExecution execution(TestStepContext context, ExternalBuildStep step, LoopOptions options,
                                                    StepServices services) {
        return new ExternalBuildExecution(context, new ExternalBuildExecution.Saved(step.target(), options), services);
    }

    private static void runUntil(ManualScheduler clock, BooleanSupplier condition) {
        TestServices.runUntil(clock, condition);
    }

    @Test
    void onResumeAfterStopStartsNoSecondLoop() throws Exception {
        gitlab.jobStatus.put("8", "running");
        ManualScheduler before = new ManualScheduler(TestServices.T0);
        WaitForExternalBuildStep step = waitStep("8");
        ExternalBuildExecution first = execution(new TestStepContext(), step, step.options(), TestServices.of(before, json -> { }));
        first.start();
        runUntil(before, () -> server.getRequestCount() >= 2);
        byte[] pickled = TestServices.pickle(first.saved());

        // After a restart of the controller the build is aborted before the Pipeline resumed the step.
        ManualScheduler after = new ManualScheduler(before.now());
        TestStepContext context = new TestStepContext();
        ExternalBuildExecution resumed = new ExternalBuildExecution(context, TestServices.unpickle(pickled),
                TestServices.of(after, json -> { }));
        AbortException cause = new AbortException("aborted");
        resumed.stop(cause);
        after.runUntilIdle();
        int requests = server.getRequestCount();
        resumed.onResume();
        after.runUntilIdle();

        assertThat(server.getRequestCount()).as("no poll after the stop").isEqualTo(requests);
        assertThat(after.idle()).isTrue();
        assertThat(context.failures).containsExactly(cause);
        assertThat(context.successes).isEmpty();
    }

    @Test
    void afterShutdownALoopEndsNoStepAndSavesNothing() throws Exception {
        gitlab.jobStatus.put("8", "running");
        ManualScheduler clock = new ManualScheduler(TestServices.T0);
        TestStepContext context = new TestStepContext();
        WaitForExternalBuildStep step = waitStep("8");
        StepServices services = TestServices.of(clock, json -> { });
        ExternalBuildExecution execution = execution(context, step, step.options(), services);
        execution.start();
        runUntil(clock, () -> server.getRequestCount() >= 2);
        String before = execution.saved().state;
        int saves = context.saves;

        services.close(); // Jenkins shuts down while a poll is due; the build then ends (seen by a straggling poll)
        gitlab.jobStatus.put("8", "success");
        clock.runUntilIdle();

        assertThat(context.successes).isEmpty();
        assertThat(context.failures).isEmpty();
        assertThat(context.saves).isEqualTo(saves);
        assertThat(execution.saved().state).as("resumes from the last saved phase").isEqualTo(before);
    }

    @Test
    void stopAfterTheStepEndedCompletesNothingMore() throws Exception {
        gitlab.jobStatus.put("8", "success");
        ManualScheduler clock = new ManualScheduler(TestServices.T0);
        TestStepContext context = new TestStepContext();
        WaitForExternalBuildStep step = waitStep("8");
        ExternalBuildExecution execution = execution(context, step, step.options(), TestServices.of(clock, json -> { }));
        execution.start();
        clock.runUntilIdle();
        assertThat(context.successes).hasSize(1);

        execution.stop(new AbortException("aborted late"));
        clock.runUntilIdle();

        assertThat(context.failures).as("completed once").isEmpty();
        assertThat(context.successes).hasSize(1);
    }

    @Test
    void theProgramIsSavedPerPhaseNotPerPoll() throws Exception {
        gitlab.jobStatus.put("8", "running");
        ManualScheduler clock = new ManualScheduler(TestServices.T0);
        TestStepContext context = new TestStepContext();
        WaitForExternalBuildStep step = waitStep("8");
        ExternalBuildExecution execution = execution(context, step, step.options(), TestServices.of(clock, json -> { }));
        execution.start();
        runUntil(clock, () -> server.getRequestCount() >= 3);
        int savesAfterThreePolls = context.saves;
        runUntil(clock, () -> server.getRequestCount() >= 20);

        assertThat(context.saves).as("seventeen more polls, no more saves").isEqualTo(savesAfterThreePolls);
        gitlab.jobStatus.put("8", "success");
        clock.runUntilIdle();
        assertThat(context.saves).as("the end is saved").isGreaterThan(savesAfterThreePolls);
    }

    @Test
    void aReplayFollowsTheOriginalRestartButANewRunRestartsAgain() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        StepRestartLedger.Record run1 = new StepRestartLedger.Record();
        ExternalBuildResult first = restartIn(new StepRestartLedger(run1, null, () -> { }));
        assertThat(first.getId()).isEqualTo("9");
        assertThat(gitlab.posts).containsExactly("/api/v4/projects/g%2Fapp/jobs/8/retry");

        // Replay of run 1 (run 2): the same step follows run 1's restart instead of sending another one.
        ExternalBuildResult replayed = restartIn(new StepRestartLedger(new StepRestartLedger.Record(), run1, () -> { }));
        assertThat(replayed.getId()).isEqualTo("9");
        assertThat(replayed.getAttempt()).isEqualTo(2);
        assertThat(gitlab.posts).as("no second restart").hasSize(1);

        // A new run of the job (run 3, not a replay) restarts again.
        restartIn(new StepRestartLedger(new StepRestartLedger.Record(), null, () -> { }));
        assertThat(gitlab.posts).containsExactly("/api/v4/projects/g%2Fapp/jobs/8/retry",
                "/api/v4/projects/g%2Fapp/jobs/8/retry");
    }

    private ExternalBuildResult restartIn(StepRestartLedger ledger) throws Exception {
        ManualScheduler clock = new ManualScheduler(TestServices.T0);
        TestStepContext context = new TestStepContext();
        RestartExternalBuildStep step = restartStep("8");
        gitlab.jobStatus.put("9", "success");
        execution(context, step, step.options(), TestServices.of(clock, (run, key) -> ledger, false, json -> { })).start();
        clock.runUntilIdle();
        return (ExternalBuildResult) context.result();
    }

    @Test
    void checkAndReserveAreOneStep() {
        StepRestartLedger.Record record = new StepRestartLedger.Record();
        StepRestartLedger one = new StepRestartLedger(record, null, () -> { });
        StepRestartLedger other = new StepRestartLedger(record, null, () -> { });
        var ref = new io.jenkins.plugins.externalbuild.engine.BuildRef("gitlab", "job", "https://gitlab.example.com",
                "g/app", "8", "https://gitlab.example.com/g/app/-/jobs/8");
        var from = io.jenkins.plugins.externalbuild.engine.Attempt.first(ref);
        var to = from.next(new io.jenkins.plugins.externalbuild.engine.BuildRef("gitlab", "job",
                "https://gitlab.example.com", "g/app", "9", "https://gitlab.example.com/g/app/-/jobs/9"));

        assertThat(one.claim(from, TestServices.T0)).isEmpty();
        assertThatThrownBy(() -> other.claim(from, TestServices.T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already being sent");
        one.record(from, to, TestServices.T0);
        assertThat(other.claim(from, TestServices.T0)).contains(to);
    }

    @Test
    void propagateFalseReturnsAnErrorInsteadOfFailing() throws Exception {
        // job 404 does not exist: the wait ends with an error, which propagate: false returns as the result
        ManualScheduler clock = new ManualScheduler(TestServices.T0);
        TestStepContext context = new TestStepContext();
        WaitForExternalBuildStep step = waitStep("404");
        step.setPropagate(false);
        execution(context, step, step.options(), TestServices.of(clock, json -> { })).start();
        clock.runUntilIdle();

        ExternalBuildResult result = (ExternalBuildResult) context.result();
        assertThat(result.getResult()).isEqualTo("error");
        assertThat(result.getStatus()).isEqualTo("unknown");
    }

    @Test
    void codeBuildWithoutJenkinsCredentialsIsRefusedUnlessAnAdministratorAllowedIt() throws Exception {
        String console = "https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/app/build/"
                + "app%3A0b5ad1b5-0000-4000-8000-000000000001/log?region=us-east-1";
        WaitForExternalBuildStep step = new WaitForExternalBuildStep();
        step.setUrl(console);
        ManualScheduler clock = new ManualScheduler(TestServices.T0);
        StepServices refusing = TestServices.of(clock, (run, key) -> null, false, json -> { });

        assertThatThrownBy(() -> execution(new TestStepContext(), step, step.options(), refusing).start())
                .isInstanceOf(AbortException.class).hasMessageContaining("controller's own AWS identity is off");
        assertThat(clock.idle()).as("nothing sent").isTrue();

        StepServices allowing = TestServices.of(clock, (run, key) -> null, true, json -> { });
        BuildTarget target = allowing.resolve(step.target().input());
        assertThat(allowing.connect(target, null)).as("allowed: connects (sends nothing yet)").isNotNull();
    }
}
