package io.jenkins.plugins.externalbuild.provider.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * GitHub Actions re-runs ("Re-run a workflow", "Re-run failed jobs from a workflow run", "Re-run a job from a
 * workflow run") and the limits checked before any POST ("Re-running workflows and jobs").
 */
class GitHubActionsProviderRestartTest extends GitHubActionsProviderHarness {

    // ---- restart: "Re-run a workflow", "Re-run failed jobs from a workflow run", "Re-run a job from a workflow run"

    @Test
    void rerunOfFailedJobsIsTheDefaultAndKeepsTheRunIdWithTheNewAttempt() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(empty(201));
        server.enqueue(answer(200, "run-rerun-queued.json"));
        Attempt next = provider().restart(Attempt.first(run()), null);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("30433642");
        assertThat(next.ref().kind()).isEqualTo("run");
        assertThat(next.ref().url()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642/attempts/2");
        expect("GET", RUNS);
        RecordedRequest post = expect("POST", RUNS + "/rerun-failed-jobs");
        assertThat(post.getBodySize()).isZero();
        expect("GET", RUNS);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void restartedRunIsThenReadAsItsNewAttempt() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(empty(201));
        server.enqueue(answer(200, "run-rerun-queued.json"));
        server.enqueue(answer(200, "run-rerun-queued.json"));
        Attempt next = provider().restart(Attempt.first(run()), RestartMode.FAILED);
        assertThat(provider().status(next.ref())).isEqualTo(BuildStatus.of(State.QUEUED, "queued"));
        server.takeRequest();
        server.takeRequest();
        server.takeRequest();
        expect("GET", RUNS + "/attempts/2");
    }

    @Test
    void rerunAllPostsRerun() throws Exception {
        server.enqueue(answer(200, "run-success.json"));
        server.enqueue(empty(201));
        server.enqueue(answer(200, "run-rerun-queued.json"));
        Attempt next = provider().restart(Attempt.first(run()), RestartMode.ALL);
        assertThat(next).isEqualTo(new Attempt(type.fromCoordinates(SERVER, PROJECT, "run", "30433642/attempts/2"), 2));
        expect("GET", RUNS);
        expect("POST", RUNS + "/rerun");
        expect("GET", RUNS);
    }

    @Test
    void attemptIsTheRunAttemptGitHubReportsNotOurCount() throws Exception {
        // the run was re-run twice elsewhere: attempt 3 before, 4 after, whatever our chain says
        server.enqueue(json(200, runWith("run-failed.json", "run_attempt", "1", "3")));
        server.enqueue(empty(201));
        server.enqueue(json(200, runWith("run-rerun-queued.json", "run_attempt", "2", "4")));
        Attempt next = provider().restart(Attempt.first(run()), RestartMode.FAILED);
        assertThat(next.number()).isEqualTo(4);
        assertThat(next.ref().url()).endsWith("/actions/runs/30433642/attempts/4");
    }

    @Test
    void attemptIsCountedOnWhenGitHubDoesNotShowTheNewOneYet() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(empty(201));
        server.enqueue(answer(200, "run-failed.json"));
        assertThat(provider().restart(Attempt.first(run()), RestartMode.FAILED).number()).isEqualTo(2);
    }

    @Test
    void rerunOfOneJobFollowsTheJobsNewIdInTheRunsNewAttempt() throws Exception {
        server.enqueue(answer(200, "job-failed.json"));
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(empty(201));
        server.enqueue(answer(200, "run-rerun-queued.json"));
        server.enqueue(answer(200, "jobs-attempt-2.json"));
        Attempt next = provider().restart(Attempt.first(job()), RestartMode.JOB);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().kind()).isEqualTo("job");
        assertThat(next.ref().id()).isEqualTo("399451234");
        assertThat(next.ref().url()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642/job/399451234");
        expect("GET", "/repos/octo-org/octo-repo/actions/jobs/399444496");
        expect("GET", RUNS);
        RecordedRequest post = expect("POST", "/repos/octo-org/octo-repo/actions/jobs/399444496/rerun");
        assertThat(post.getBodySize()).isZero();
        expect("GET", RUNS);
        expect("GET", RUNS + "/attempts/2/jobs?per_page=100");
    }

    @Test
    void modeJobOnARunAndModeAllOnAJobAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(run()), RestartMode.JOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitHub Actions cannot restart a run with mode 'job'; supported: all, failed");
        assertThatThrownBy(() -> provider().restart(Attempt.first(job()), RestartMode.ALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitHub Actions cannot restart a job with mode 'all'; supported: job");
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- limits, checked before any POST: "Re-running workflows and jobs"

    @Test
    void runCreatedMoreThanThirtyDaysAgoIsRefusedWithoutPosting() throws Exception {
        server.enqueue(json(200, runWith("run-failed.json", "created_at", "\"2024-05-13T09:12:31Z\"", "\"2024-04-14T09:59:59Z\"")));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.FAILED);
        assertThat(e.getMessage()).contains("run 30433642 of octo-org/octo-repo was created 2024-04-14T09:59:59Z, 30 days ago",
                "only within 30 days of its creation", "start a new run");
        expect("GET", RUNS);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void thirtyDayWindowIsMeasuredOnTheServersClock() throws Exception {
        // our clock says a day after creation; GitHub's Date header says 31 days
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Date", "Thu, 13 Jun 2024 10:00:00 GMT")
                .body(fixture("run-failed.json")).build());
        restartFails(ProviderException.NotRestartable.class, RestartMode.ALL);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void runReRunFiftyTimesIsRefusedWithoutPosting() throws Exception {
        server.enqueue(json(200, runWith("run-failed.json", "run_attempt", "1", "51")));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.FAILED);
        assertThat(e.getMessage()).contains("is at attempt 51", "re-run 50 times", "at most 50 re-runs");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void runAtAttemptFiftyMayStillBeReRunOnce() throws Exception {
        server.enqueue(json(200, runWith("run-failed.json", "run_attempt", "1", "50")));
        server.enqueue(empty(201));
        server.enqueue(json(200, runWith("run-rerun-queued.json", "run_attempt", "2", "51")));
        assertThat(provider().restart(Attempt.first(run()), RestartMode.FAILED).number()).isEqualTo(51);
    }

    @Test
    void runStillInProgressIsRefusedWithoutPosting() throws Exception {
        server.enqueue(answer(200, "run-in-progress.json"));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.FAILED);
        assertThat(e.getMessage()).contains("is still in_progress", "only a completed run can be re-run");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void jobOfARunningRunIsRefusedWithoutPosting() throws Exception {
        server.enqueue(answer(200, "job-in-progress.json"));
        server.enqueue(answer(200, "run-in-progress.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(job()), RestartMode.JOB));
        assertThat(e.getMessage()).contains("run 30433642 of octo-org/octo-repo (job 399444496) is still in_progress");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void modeFailedOnASuccessfulRunIsRefusedAndSuggestsModeAll() throws Exception {
        server.enqueue(answer(200, "run-success.json"));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.FAILED);
        assertThat(e.getMessage()).contains("ended with success", "use mode 'all'");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void runWithAnInvalidWorkflowFileIsRefused() throws Exception {
        server.enqueue(json(200, runWith("run-failed.json", "conclusion", "\"failure\"", "\"startup_failure\"")));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.ALL);
        assertThat(e.getMessage()).contains("startup_failure", "workflow file is invalid");
    }

    @Test
    void rerunRefusedWith403BecauseItStartedMeanwhileIsNotRestartable() throws Exception {
        // cli/cli #9221/#10774: 403 {"message":"This workflow is already running"}
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(answer(403, "error-403-already-running.json"));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.FAILED);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("This workflow is already running", "re-run (mode failed) of run 30433642");
    }

    @Test
    void rerunRefusedWith422IsNotRestartable() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        server.enqueue(answer(422, "error-422.json"));
        ProviderException.NotRestartable e = restartFails(ProviderException.NotRestartable.class, RestartMode.ALL);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("Validation Failed");
    }
}
