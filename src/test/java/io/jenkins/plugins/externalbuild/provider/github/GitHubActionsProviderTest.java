package io.jenkins.plugins.externalbuild.provider.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.net.URI;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * GitHub's documented answers replayed from the fixtures next to this class (their README lists the sources):
 * the REST API description's "Workflow runs" and "Workflow jobs" operations, "Rate limits for the REST API",
 * "Re-running workflows and jobs", and error bodies as cli/cli's issues recorded them.
 */
class GitHubActionsProviderTest extends GitHubActionsProviderHarness {

    // ---- status: "Get a workflow run", "Get a workflow run attempt", "Get a job for a workflow run"

    @Test
    void runningRunIsRunningAndTheRequestCarriesTheDocumentedHeaders() throws Exception {
        server.enqueue(answer(200, "run-in-progress.json"));
        assertThat(provider().status(run())).isEqualTo(BuildStatus.of(State.RUNNING, "in_progress"));
        expect("GET", RUNS);
    }

    @Test
    void failedRunKeepsStatusAndConclusionAsItsRawStatus() throws Exception {
        server.enqueue(answer(200, "run-failed.json"));
        BuildStatus status = provider().status(run());
        assertThat(status).isEqualTo(BuildStatus.of(State.FAILED, "completed/failure"));
        assertThat(status.terminal()).isTrue();
        server.enqueue(answer(200, "run-success.json"));
        assertThat(provider().status(run()).succeeded()).isTrue();
    }

    @Test
    void runPinnedToAnAttemptIsReadThroughTheAttemptEndpoint() throws Exception {
        server.enqueue(answer(200, "run-attempt-2-failed.json"));
        BuildRef attempt2 = type.fromCoordinates(SERVER, PROJECT, "run", "30433642/attempts/2");
        assertThat(provider().status(attempt2)).isEqualTo(BuildStatus.of(State.FAILED, "completed/failure"));
        expect("GET", RUNS + "/attempts/2");
    }

    @Test
    void jobStatusIsReadFromTheJobEndpoint() throws Exception {
        server.enqueue(answer(200, "job-in-progress.json"));
        assertThat(provider().status(job())).isEqualTo(BuildStatus.of(State.RUNNING, "in_progress"));
        expect("GET", "/repos/octo-org/octo-repo/actions/jobs/399444496");
    }

    @Test
    void withoutCredentialsNoAuthorizationIsSent() throws Exception {
        server.enqueue(answer(200, "run-in-progress.json"));
        provider(server.url("/").uri(), ProviderCredentials.none()).status(run());
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(request.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    }

    @Test
    void enterpriseServerIsReachedUnderApiV3OfItsHost() throws Exception {
        // GitHub Enterprise Server: REST API at http(s)://HOSTNAME/api/v3
        String ghes = server.url("/").toString().replaceAll("/$", "");
        BuildRef ref = type.parseUrl(URI.create(ghes + "/octo-org/octo-repo/actions/runs/30433642")).orElseThrow();
        server.enqueue(answer(200, "run-in-progress.json"));
        provider(null, ProviderCredentials.token(Token.of(TOKEN))).status(ref);
        expect("GET", "/api/v3" + RUNS);
    }

    @Test
    void failedJobsOfARunAreTheFailedAndTimedOutOnes() throws Exception {
        // "List jobs for a workflow run" (filter defaults to latest: the jobs of the newest attempt)
        server.enqueue(answer(200, "jobs-failed.json"));
        assertThat(provider().failedJobs(run())).containsExactly("test (ubuntu)", "test (windows)");
        expect("GET", RUNS + "/jobs?per_page=100");
    }

    @Test
    void failedJobsOfAPinnedAttemptAreListedForThatAttempt() throws Exception {
        // "List jobs for a workflow run attempt"
        server.enqueue(answer(200, "jobs-attempt-2.json"));
        assertThat(provider().failedJobs(type.fromCoordinates(SERVER, PROJECT, "run", "30433642/attempts/2"))).isEmpty();
        expect("GET", RUNS + "/attempts/2/jobs?per_page=100");
    }

    @Test
    void failedJobsOfAFailedJobIsItsName() throws Exception {
        server.enqueue(answer(200, "job-failed.json"));
        assertThat(provider().failedJobs(job())).containsExactly("test (ubuntu)");
    }

    // ---- cancel: "Cancel a workflow run" (202; 409 Conflict)

    @Test
    void cancelPostsCancelAndAcceptsTheEmpty202() throws Exception {
        server.enqueue(empty(202));
        provider().cancel(run());
        expect("POST", RUNS + "/cancel");
    }

    @Test
    void cancelOfACompletedRunIsNotRestartableWith409() throws Exception {
        server.enqueue(answer(409, "error-409-cancel.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().cancel(run()));
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.getMessage()).contains("cancel of run 30433642", "already ended", "nothing to cancel");
        assertTokenAbsent(e);
    }

    @Test
    void cancelOfAJobCancelsItsRun() throws Exception {
        server.enqueue(empty(202));
        provider().cancel(job());
        expect("POST", RUNS + "/cancel");
    }

    // ---- latest run of a branch: "List workflow runs for a repository"

    @Test
    void latestRunOfABranchIsTheFirstListed() throws Exception {
        server.enqueue(answer(200, "runs-latest.json"));
        assertThat(provider().latest(null, PROJECT, "main")).isEqualTo(run());
        expect("GET", "/repos/octo-org/octo-repo/actions/runs?branch=main&per_page=1");
    }

    @Test
    void branchWithoutRunsIsNotFound() {
        server.enqueue(json(200, "{\"total_count\":0,\"workflow_runs\":[]}"));
        assertThatThrownBy(() -> provider().latest(null, PROJECT, "feature/x"))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("no workflow run for branch 'feature/x'");
    }
}
