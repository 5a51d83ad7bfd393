package io.jenkins.plugins.externalbuild.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * GitLab's documented answers replayed from the fixtures next to this class (their README lists the sources):
 * doc/api/jobs.md, doc/api/pipelines.md, doc/api/commits.md, v3 doc/api/builds.md, lib/api/helpers.rb for errors,
 * user_and_ip_rate_limits.md for 429.
 */
class GitLabProviderTest extends GitLabProviderHarness {

    // ---- jobs: doc/api/jobs.md

    @Test
    void runningJobIsRunning() throws Exception {
        // doc/api/jobs.md, "Get a single job"
        server.enqueue(answer(200, "job-running.json"));
        assertThat(provider().status(job("123"))).isEqualTo(BuildStatus.of(State.RUNNING, "running"));
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123");
    }

    @Test
    void failedJobIsFailedAndTerminal() throws Exception {
        // doc/api/jobs.md, "Get a single job"
        server.enqueue(answer(200, "job-failed.json"));
        BuildStatus status = provider().status(job("123"));
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.raw()).isEqualTo("failed");
        assertThat(status.terminal()).isTrue();
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123");
    }

    @Test
    void successfulJobSucceeded() throws Exception {
        // doc/api/jobs.md, "Get a single job"
        server.enqueue(answer(200, "job-success.json"));
        BuildStatus status = provider().status(job("123"));
        assertThat(status.succeeded()).isTrue();
        assertThat(status.raw()).isEqualTo("success");
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123");
    }

    @Test
    void retryOfFailedJobReturnsNewJobAsNextAttempt() throws Exception {
        // doc/api/jobs.md, "Retry a job" (lib/api/ci/jobs.rb presents the new job)
        server.enqueue(answer(201, "job-retried.json"));
        Attempt next = provider().restart(Attempt.first(job("123")), RestartMode.JOB);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("124");
        assertThat(next.ref().url()).isEqualTo("https://gitlab.example.com/group/sub/app/-/jobs/124");
        assertThat(next.ref().kind()).isEqualTo("job");
        assertThat(next.ref().project()).isEqualTo(PROJECT);
        RecordedRequest request = expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123/retry");
        assertThat(request.getBodySize()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void jobRestartWithoutAModeRetriesTheJob() throws Exception {
        // doc/api/jobs.md, "Retry a job"
        server.enqueue(answer(201, "job-retried.json"));
        assertThat(provider().restart(Attempt.first(job("123")), null).ref().id()).isEqualTo("124");
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123/retry");
    }

    @Test
    void jobCannotBeRestartedWithModeAllAndNothingIsSent() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(job("123")), RestartMode.ALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab cannot restart a job with mode 'all'; supported: job");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void retryOfANonRetryableJobIsNotRestartable() throws Exception {
        // lib/api/ci/jobs.rb: forbidden!('Job is not retryable') -> job-not-retryable-403.json
        server.enqueue(answer(403, "job-not-retryable-403.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(job("123")), RestartMode.JOB));
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).contains("Job is not retryable", "retry of job 123 of group/sub/app");
        assertTokenAbsent(e);
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123/retry");
    }

    @Test
    void retryRefusedByOldServersWithTwoSpacesIsNotRestartableToo() {
        // lib/api/helpers.rb before 14.x: "403 Forbidden" + " - reason" joined with a space
        server.enqueue(new MockResponse.Builder().code(403).body("{\"message\":\"403 Forbidden  - Job is not retryable\"}").build());
        assertThatThrownBy(() -> provider().restart(Attempt.first(job("123")), RestartMode.JOB))
                .isInstanceOf(ProviderException.NotRestartable.class);
    }

    @Test
    void cancelOfAJobPostsCancel() throws Exception {
        // doc/api/jobs.md, "Cancel a job" (201)
        server.enqueue(answer(201, "job-canceled.json"));
        provider().cancel(job("123"));
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/jobs/123/cancel");
    }

    @Test
    void failedJobsOfAFailedJobIsItsName() throws Exception {
        // doc/api/jobs.md, "Get a single job"
        server.enqueue(answer(200, "job-failed.json"));
        assertThat(provider().failedJobs(job("123"))).containsExactly("rspec");
        server.enqueue(answer(200, "job-success.json"));
        assertThat(provider().failedJobs(job("123"))).isEmpty();
    }

    // ---- pipelines: doc/api/pipelines.md

    @Test
    void pipelineStatusIsRead() throws Exception {
        // doc/api/pipelines.md, "Get a single pipeline"
        server.enqueue(answer(200, "pipeline-running.json"));
        assertThat(provider().status(pipeline("456"))).isEqualTo(BuildStatus.of(State.RUNNING, "running"));
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        server.enqueue(answer(200, "pipeline-failed.json"));
        assertThat(provider().status(pipeline("456"))).isEqualTo(BuildStatus.of(State.FAILED, "failed"));
        server.enqueue(answer(200, "pipeline-success.json"));
        assertThat(provider().status(pipeline("456"))).isEqualTo(BuildStatus.of(State.SUCCESS, "success"));
        server.enqueue(answer(200, "pipeline-canceled.json"));
        assertThat(provider().status(pipeline("456"))).isEqualTo(BuildStatus.of(State.CANCELED, "canceled"));
    }

    @Test
    void retryOfFailedPipelineKeepsItsIdAsNextAttempt() throws Exception {
        // doc/api/pipelines.md, "Retry jobs in a pipeline": same pipeline, failed and canceled jobs again
        server.enqueue(answer(200, "pipeline-failed.json"));
        server.enqueue(answer(201, "pipeline-retried.json"));
        BuildRef ref = pipeline("456");
        Attempt next = provider().restart(Attempt.first(ref), RestartMode.FAILED);
        assertThat(next).isEqualTo(new Attempt(ref, 2));
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456/retry");
    }

    @Test
    void retryOfCanceledPipelineIsAllowedAndIsTheDefaultMode() throws Exception {
        // doc/api/pipelines.md, "Retry jobs in a pipeline"
        server.enqueue(answer(200, "pipeline-canceled.json"));
        server.enqueue(answer(201, "pipeline-retried.json"));
        assertThat(provider().restart(Attempt.first(pipeline("456")), null).ref().id()).isEqualTo("456");
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456/retry");
    }

    @Test
    void retryOfRunningPipelineIsRefusedWithoutPosting() throws Exception {
        // doc/api/pipelines.md: retry only re-runs failed or canceled jobs; on a running pipeline it does nothing
        server.enqueue(answer(200, "pipeline-running.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(pipeline("456")), RestartMode.FAILED));
        assertThat(e.getMessage()).contains("pipeline 456 of group/sub/app is running", "only a failed or canceled pipeline");
        assertTokenAbsent(e);
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryOfSucceededPipelineIsRefusedAndSuggestsModeAll() throws Exception {
        // doc/api/pipelines.md, "Retry jobs in a pipeline"
        server.enqueue(answer(200, "pipeline-success.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(pipeline("456")), RestartMode.FAILED));
        assertThat(e.getMessage()).contains("is success", "use mode 'all'");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void restartAllCreatesANewPipelineForTheSameRef() throws Exception {
        // doc/api/pipelines.md, "Create a new pipeline" (POST /projects/:id/pipeline?ref=…)
        server.enqueue(answer(200, "pipeline-success.json"));
        server.enqueue(answer(201, "pipeline-created.json"));
        Attempt next = provider().restart(Attempt.first(pipeline("456")), RestartMode.ALL);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("457");
        assertThat(next.ref().kind()).isEqualTo("pipeline");
        assertThat(next.ref().url()).isEqualTo("https://gitlab.example.com/group/sub/app/-/pipelines/457");
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        RecordedRequest create = expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/pipeline?ref=main");
        assertThat(create.getUrl().queryParameter("ref")).isEqualTo("main");
    }

    @Test
    void restartAllIsRefusedForAMergeRequestPipeline() throws Exception {
        // doc/api/pipelines.md, "Create a new pipeline": ref is a branch or tag; refs/merge-requests/… is neither
        String body = fixture("pipeline-failed.json").replace("\"ref\": \"main\"", "\"ref\": \"refs/merge-requests/7/head\"");
        assertThat(body).contains("refs/merge-requests/7/head");
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(pipeline("456")), RestartMode.ALL));
        assertThat(e.getMessage()).contains("refs/merge-requests/7/head", "use mode 'failed'");
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void modeJobOnAPipelineIsRefusedBeforeAnyRequestListingSupportedModes() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(pipeline("456")), RestartMode.JOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GitLab cannot restart a pipeline with mode 'job'; supported: all, failed");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void cancelOfAPipelinePostsCancel() throws Exception {
        // doc/api/pipelines.md, "Cancel a pipeline's jobs" (200)
        server.enqueue(answer(200, "pipeline-canceled.json"));
        provider().cancel(pipeline("456"));
        expect("POST", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456/cancel");
    }

    @Test
    void failedJobsOfAPipelineLeaveOutAllowedFailures() throws Exception {
        // doc/api/jobs.md, "List pipeline jobs" with scope[]=failed: the server answers only failed jobs
        ArrayNode all = (ArrayNode) Json.MAPPER.readTree(fixture("pipeline-jobs.json"));
        ArrayNode failed = Json.MAPPER.createArrayNode();
        for (JsonNode j : all) {
            if ("failed".equals(j.get("status").asText())) {
                failed.add(j);
            }
        }
        server.enqueue(new MockResponse.Builder().code(200).body(failed.toString()).build());
        assertThat(provider().failedJobs(pipeline("456"))).containsExactly("integration", "rspec");
        RecordedRequest request = expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines/456/jobs?scope%5B%5D=failed&per_page=100");
        assertThat(request.getUrl().queryParameterValues("scope[]")).containsExactly("failed");
    }

    @Test
    void latestPipelineOfABranchIsTheNewestById() throws Exception {
        // doc/api/pipelines.md, "List project pipelines" (ref, order_by=id, sort=desc, per_page=1)
        server.enqueue(new MockResponse.Builder().code(200).body("[" + fixture("pipelines-latest.json") + "]").build());
        BuildRef ref = provider().latestPipeline(SERVER, PROJECT, "main");
        assertThat(ref).isEqualTo(pipeline("456"));
        expect("GET", "/api/v4/projects/group%2Fsub%2Fapp/pipelines?ref=main&order_by=id&sort=desc&per_page=1");
    }

    @Test
    void latestPipelineOfABranchWithoutPipelinesIsNotFound() {
        // doc/api/pipelines.md, "List project pipelines": an empty list
        server.enqueue(new MockResponse.Builder().code(200).body("[]").build());
        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> provider().latestPipeline(SERVER, PROJECT, "feature/x"));
        assertThat(e.getMessage()).contains("no pipeline for 'feature/x'");
        assertThatThrownBy(() -> provider().latestPipeline(SERVER, PROJECT, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
