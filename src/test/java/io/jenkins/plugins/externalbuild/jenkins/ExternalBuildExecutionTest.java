package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.externalbuild.engine.ManualScheduler;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Pipeline step executions without a Jenkins: a {@link TestStepContext}, {@link StepServices} on a fake
 * clock with a manual io queue, and a scripted GitLab ({@link FakeGitLab}) on a MockWebServer. Each test drives
 * the execution the way the Pipeline does — {@code start()}, {@code stop(cause)}, or saving its fields and
 * {@code onResume()} on a new execution built from them, as after a controller restart.
 */
class ExternalBuildExecutionTest {

    private static final Instant T0 = TestServices.T0;
    private static final String CREDENTIALS_ID = TestServices.CREDENTIALS_ID;

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final FakeGitLab gitlab = new FakeGitLab();
    private final List<String> recorded = new ArrayList<>();

    @BeforeEach
    void scriptGitLab() {
        server.setDispatcher(gitlab);
    }

    /** One controller's services: its own clock, io queue and HTTP client; the same credentials store. */
    private StepServices services(ManualScheduler clock) {
        return TestServices.of(clock, recorded::add);
    }

    private WaitForExternalBuildStep waitStep(String jobId) {
        WaitForExternalBuildStep step = new WaitForExternalBuildStep();
        step.setUrl(FakeGitLab.url(server, jobId));
        step.setCredentialsId(CREDENTIALS_ID);
        return step;
    }

    private ExternalBuildExecution execution(TestStepContext context, ExternalBuildStep step, LoopOptions options,
                                             ManualScheduler clock) {
        return new ExternalBuildExecution(context, new ExternalBuildExecution.Saved(step.target(), options),
                services(clock));
    }

    private static void runUntil(ManualScheduler clock, BooleanSupplier condition) {
        TestServices.runUntil(clock, condition);
    }


    @Test
    void waitPollsUntilTheBuildSucceedsAndReturnsTheResult() throws Exception {
        gitlab.jobStatus.put("8", "running");
        ManualScheduler clock = new ManualScheduler(T0);
        TestStepContext context = new TestStepContext();
        WaitForExternalBuildStep step = waitStep("8");
        ExternalBuildExecution execution = execution(context, step, step.options(), clock);

        assertThat(execution.start()).as("asynchronous: completes later").isFalse();
        runUntil(clock, () -> server.getRequestCount() >= 3);
        assertThat(context.isReady()).as("still waiting after three polls").isTrue();
        gitlab.jobStatus.put("8", "success");
        clock.runUntilIdle();

        ExternalBuildResult result = (ExternalBuildResult) context.result();
        assertThat(result.getStatus()).isEqualTo("success");
        assertThat(result.getId()).isEqualTo("8");
        assertThat(result.getAttempt()).isEqualTo(1);
        assertThat(clock.now()).as("time passed on the fake clock only").isAfter(T0);
        assertThat(context.log()).contains("waiting for").contains(FakeGitLab.url(server, "8"))
                .doesNotContain(FakeGitLab.TOKEN);
        assertThat(context.log().lines().filter(l -> l.contains("running"))).as("one line per change, not per poll")
                .hasSize(1);
        assertThat(context.saves).isPositive();
        assertThat(recorded).isNotEmpty().allSatisfy(json -> assertThat(json).doesNotContain(FakeGitLab.TOKEN));
    }

    @Test
    void restartRetriesTheFailedJobAndWaitsForTheNewOne() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        ManualScheduler clock = new ManualScheduler(T0);
        TestStepContext context = new TestStepContext();
        RestartExternalBuildStep step = new RestartExternalBuildStep();
        step.setUrl(FakeGitLab.url(server, "8"));
        step.setCredentialsId(CREDENTIALS_ID);
        ExternalBuildExecution execution = execution(context, step, step.options(), clock);

        execution.start();
        runUntil(clock, () -> gitlab.jobStatus.containsKey("9"));
        assertThat(gitlab.posts).containsExactly("/api/v4/projects/g%2Fapp/jobs/8/retry");
        gitlab.jobStatus.put("9", "success");
        clock.runUntilIdle();

        ExternalBuildResult result = (ExternalBuildResult) context.result();
        assertThat(result.getId()).isEqualTo("9");
        assertThat(result.getAttempt()).isEqualTo(2);
        assertThat(result.getPreviousIds()).containsExactly("8");
        assertThat(result.getStatus()).isEqualTo("success");
        assertThat(context.log()).contains("restarted").doesNotContain(FakeGitLab.TOKEN);
    }

    @Test
    void aRestartWhoseFirstReadAnswers500TriesItAgainAndSaysSoInTheLog() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        gitlab.faults.add(new mockwebserver3.MockResponse.Builder().code(500)
                .body("{\"message\":\"500 Internal Server Error\"}").build());
        ManualScheduler clock = new ManualScheduler(T0);
        TestStepContext context = new TestStepContext();
        RestartExternalBuildStep step = new RestartExternalBuildStep();
        step.setUrl(FakeGitLab.url(server, "8"));
        step.setCredentialsId(CREDENTIALS_ID);
        ExternalBuildExecution execution = execution(context, step, step.options(), clock);

        execution.start();
        runUntil(clock, () -> gitlab.jobStatus.containsKey("9"));
        gitlab.jobStatus.put("9", "success");
        clock.runUntilIdle();

        assertThat(gitlab.posts).containsExactly("/api/v4/projects/g%2Fapp/jobs/8/retry");
        assertThat(((ExternalBuildResult) context.result()).getStatus()).isEqualTo("success");
        assertThat(context.log()).contains("answered 500").contains("trying again in");
    }

    @Test
    void stopWithOnAbortCancelCancelsTheRemoteBuild() throws Exception {
        gitlab.jobStatus.put("8", "running");
        ManualScheduler clock = new ManualScheduler(T0);
        TestStepContext context = new TestStepContext();
        WaitForExternalBuildStep step = waitStep("8");
        step.setOnAbort("cancel");
        ExternalBuildExecution execution = execution(context, step, step.options(), clock);
        execution.start();
        runUntil(clock, () -> server.getRequestCount() >= 2);

        AbortException cause = new AbortException("aborted by the user");
        execution.stop(cause);
        clock.runUntilIdle();

        assertThat(gitlab.posts).containsExactly("/api/v4/projects/g%2Fapp/jobs/8/cancel");
        assertThat(context.failures).containsExactly(cause);
        assertThat(context.successes).isEmpty();
        assertThat(clock.idle()).as("no poll left scheduled").isTrue();
    }

    @Test
    void stopWithOnAbortLeaveLeavesTheRemoteBuildRunning() throws Exception {
        gitlab.jobStatus.put("8", "running");
        ManualScheduler clock = new ManualScheduler(T0);
        TestStepContext context = new TestStepContext();
        WaitForExternalBuildStep step = waitStep("8"); // waitForExternalBuild leaves by default: it may not be ours
        ExternalBuildExecution execution = execution(context, step, step.options(), clock);
        execution.start();
        runUntil(clock, () -> server.getRequestCount() >= 2);
        int requests = server.getRequestCount();

        AbortException cause = new AbortException("aborted by the user");
        execution.stop(cause);
        clock.runUntilIdle();

        assertThat(gitlab.posts).isEmpty();
        assertThat(server.getRequestCount()).as("nothing sent after the stop").isEqualTo(requests);
        assertThat(context.failures).containsExactly(cause);
        assertThat(context.log()).contains("left").contains("onAbort: leave");
    }

    @Test
    void restartStepStoppedWhileWaitingCancelsTheNewAttemptByDefault() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        ManualScheduler clock = new ManualScheduler(T0);
        TestStepContext context = new TestStepContext();
        RestartExternalBuildStep step = new RestartExternalBuildStep();
        step.setUrl(FakeGitLab.url(server, "8"));
        step.setCredentialsId(CREDENTIALS_ID);
        ExternalBuildExecution execution = execution(context, step, step.options(), clock);
        execution.start();
        runUntil(clock, () -> gitlab.jobStatus.containsKey("9") && server.getRequestCount() >= 4);

        execution.stop(new AbortException("aborted"));
        clock.runUntilIdle();

        assertThat(gitlab.posts).containsExactly("/api/v4/projects/g%2Fapp/jobs/8/retry",
                "/api/v4/projects/g%2Fapp/jobs/9/cancel");
        assertThat(context.failures).hasSize(1);
    }

    @Test
    void savedFieldsResumeTheWaitOnANewControllerUntilTheBuildEnds() throws Exception {
        gitlab.jobStatus.put("8", "running");
        ManualScheduler before = new ManualScheduler(T0);
        TestStepContext firstContext = new TestStepContext();
        WaitForExternalBuildStep step = waitStep("8");
        step.setTimeout(30);
        ExternalBuildExecution first = execution(firstContext, step, step.options(), before);
        first.start();
        runUntil(before, () -> server.getRequestCount() >= 3);

        byte[] pickled = TestServices.pickle(first.saved()); // what the Pipeline keeps across the restart
        assertThat(new String(pickled, StandardCharsets.ISO_8859_1)).doesNotContain(FakeGitLab.TOKEN);
        RestartState savedState = RestartState.fromJson(first.saved().state);
        assertThat(savedState.waitState().ref().id()).isEqualTo("8");

        // The old controller is gone: its clock never runs again. A new one starts ten minutes later.
        ManualScheduler after = new ManualScheduler(before.now().plus(Duration.ofMinutes(10)));
        TestStepContext secondContext = new TestStepContext();
        ExternalBuildExecution resumed = new ExternalBuildExecution(secondContext, TestServices.unpickle(pickled), services(after));
        int requestsBefore = server.getRequestCount();
        resumed.onResume();
        runUntil(after, () -> server.getRequestCount() > requestsBefore);
        assertThat(secondContext.isReady()).isTrue();
        gitlab.jobStatus.put("8", "success");
        after.runUntilIdle();

        ExternalBuildResult result = (ExternalBuildResult) secondContext.result();
        assertThat(result.getStatus()).isEqualTo("success");
        assertThat(result.getId()).isEqualTo("8");
        assertThat(firstContext.successes).isEmpty();
        assertThat(resumed.getStatus()).contains(FakeGitLab.url(server, "8")).doesNotContain(FakeGitLab.TOKEN);
    }

    @Test
    void savedFieldsKeepTheDeadline() throws Exception {
        gitlab.jobStatus.put("8", "running");
        ManualScheduler before = new ManualScheduler(T0);
        WaitForExternalBuildStep step = waitStep("8");
        step.setTimeout(30);
        ExternalBuildExecution first = execution(new TestStepContext(), step, step.options(), before);
        first.start();
        runUntil(before, () -> server.getRequestCount() >= 2);
        byte[] pickled = TestServices.pickle(first.saved());

        // Back after the 30 minutes are over: the resumed wait ends as timed out, it does not start afresh.
        ManualScheduler after = new ManualScheduler(T0.plus(Duration.ofMinutes(45)));
        TestStepContext context = new TestStepContext();
        new ExternalBuildExecution(context, TestServices.unpickle(pickled), services(after)).onResume();
        after.runUntilIdle();

        assertThat(context.successes).isEmpty();
        assertThat(context.failures).singleElement().isInstanceOf(AbortException.class)
                .extracting(Throwable::getMessage).asString().contains("timed out");
    }

    @Test
    void missingCredentialsFailTheStartWithOneLine() {
        gitlab.jobStatus.put("8", "running");
        ManualScheduler clock = new ManualScheduler(T0);
        WaitForExternalBuildStep step = waitStep("8");
        step.setCredentialsId("nobody");
        ExternalBuildExecution execution = execution(new TestStepContext(), step, step.options(), clock);

        org.assertj.core.api.Assertions.assertThatThrownBy(execution::start).isInstanceOf(AbortException.class)
                .hasMessageContaining("'nobody'");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void statusStepReadsOnceOnTheIoPool() throws Exception {
        gitlab.jobStatus.put("8", "failed");
        ManualScheduler clock = new ManualScheduler(T0);
        TestStepContext context = new TestStepContext();
        OneCallExecution execution = new OneCallExecution(context, waitStep("8").target(), OneCallExecution.Call.STATUS,
                services(clock));

        assertThat(execution.start()).isFalse();
        assertThat(server.getRequestCount()).as("nothing on the calling thread").isZero();
        clock.runUntilIdle();

        ExternalBuildResult result = (ExternalBuildResult) context.result();
        assertThat(result.getStatus()).isEqualTo("failed");
        assertThat(gitlab.posts).isEmpty();
    }
}
