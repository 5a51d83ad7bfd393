package io.jenkins.plugins.externalbuild.provider.buildkite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.Capabilities;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Buildkite restarts: rebuild (mode all, builds.md "Rebuild a build"), retry of the failed jobs (mode failed,
 * "Retry failed jobs for a build") and of one job (mode job, jobs.md "Retry a job").
 */
class BuildkiteProviderRestartTest extends BuildkiteProviderHarness {

    // ---- restart mode all: builds.md, "Rebuild a build"

    @Test
    void rebuildReturnsTheNewBuildNumberAsNextAttempt() throws Exception {
        server.enqueue(answer(200, "build-rebuilt.json"));
        Attempt next = provider().restart(Attempt.first(build("42")), RestartMode.ALL);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("43");
        assertThat(next.ref().url()).isEqualTo("https://buildkite.com/acme/web-app/builds/43");
        assertThat(next.ref().project()).isEqualTo(PROJECT);
        RecordedRequest request = expect("PUT", BUILDS + "/42/rebuild");
        assertThat(request.getBodySize()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rebuildOfAJobUrlRebuildsTheWholeBuildAndDropsTheJob() throws Exception {
        server.enqueue(answer(200, "build-rebuilt.json"));
        Attempt next = provider().restart(Attempt.first(jobUrl(FAILED_JOB)), RestartMode.ALL);
        assertThat(next.ref().url()).isEqualTo("https://buildkite.com/acme/web-app/builds/43");
        expect("PUT", BUILDS + "/42/rebuild");
    }

    @Test
    void rebuildRefusedWith422IsNotRestartable() {
        server.enqueue(answer(422, "error-422-rebuild.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.ALL));
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("rebuild of build 42 of acme/web-app", "could not be created");
    }

    @Test
    void rebuildAnswerWithoutANumberIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"state\":\"scheduled\"}").build());
        fails(ProviderException.BadResponse.class, () -> provider().restart(Attempt.first(build("42")), RestartMode.ALL));
    }

    // ---- restart mode failed (default): builds.md, "Retry failed jobs for a build"

    @Test
    void retryOfFailedJobsKeepsTheBuildNumberAndIsTheDefaultMode() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(202, "build-retry-failed-jobs.json"));
        Provider p = provider();
        assertThat(p.capabilities(build("42"))).isEqualTo(new Capabilities(
                java.util.EnumSet.of(RestartMode.FAILED, RestartMode.ALL), RestartMode.FAILED, true, true));
        Attempt next = p.restart(Attempt.first(build("42")), null);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(build("42"));
        expect("GET", BUILDS + "/42");
        RecordedRequest put = expect("PUT", BUILDS + "/42/retry_failed_jobs");
        assertThat(put.getBody().utf8()).isEqualTo("{\"states\":\"canceled,expired,failed,timed_out\"}");
        assertThat(put.getHeaders().get("Content-Type")).startsWith("application/json");
    }

    @Test
    void afterARetryTheOldEndReadsAsQueuedUntilTheRetryShowsOrTheGraceEnds() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(202, "build-retry-failed-jobs.json"));
        server.enqueue(answer(200, "build-failed.json")); // not yet visible
        server.enqueue(answer(200, "build-failed.json")); // grace over
        Provider p = provider();
        p.restart(Attempt.first(build("42")), RestartMode.FAILED);
        assertThat(p.status(build("42"))).isEqualTo(BuildStatus.of(State.QUEUED, "retry requested")
                .withTiming(Instant.parse("2024-05-14T09:50:05Z").toEpochMilli(), null));
        clock.advance(SameNumberRestarts.GRACE.plusSeconds(1));
        assertThat(p.status(build("42")).state()).isEqualTo(State.FAILED);
    }

    @Test
    void retryOfFailedJobsOfAPassedBuildIsRefusedWithoutAPut() {
        server.enqueue(answer(200, "build-passed.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.FAILED));
        assertThat(e.getMessage()).contains("passed", "mode 'all'");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryThatFoundNoFailedJobIsNotRestartable() {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(202, "build-retry-failed-jobs-none.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.FAILED));
        assertThat(e.getMessage()).contains("no failed, timed out, expired or canceled job");
    }

    @Test
    void retryOfJobsOfACanceledBuildRefusedWith422IsNotRestartable() {
        server.enqueue(answer(200, "build-canceled.json"));
        server.enqueue(answer(422, "error-422-canceled-build.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("42")), RestartMode.FAILED));
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("Jobs from canceled builds cannot be retried");
    }

    // ---- restart mode job: jobs.md, "Retry a job"

    @Test
    void retryOfTheJobOfTheUrlKeepsTheBuildAndLinksTheNewJob() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(200, "job-retried.json"));
        BuildRef ref = jobUrl(FAILED_JOB);
        Provider p = provider();
        assertThat(p.capabilities(ref).defaultMode()).isEqualTo(RestartMode.JOB);
        Attempt next = p.restart(Attempt.first(ref), null);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("42");
        assertThat(next.ref().url()).isEqualTo("https://buildkite.com/acme/web-app/builds/42#" + NEW_JOB);
        expect("GET", BUILDS + "/42");
        RecordedRequest put = expect("PUT", BUILDS + "/42/jobs/" + FAILED_JOB + "/retry");
        assertThat(put.getBodySize()).isZero();
    }

    @Test
    void modeJobWithoutAJobInTheUrlIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("42")), RestartMode.JOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Buildkite restart mode 'job' needs a job: give the job's URL, "
                        + "https://buildkite.com/acme/web-app/builds/42#JOB_UUID, as the build (its link in the build page); "
                        + "or use mode 'failed' or 'all'");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void retryOfAJobThatDidNotFailIsNotRestartable() {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(400, "error-400-job-not-retryable.json"));
        ProviderException.NotRestartable e = fails(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(jobUrl(FAILED_JOB)), RestartMode.JOB));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Only failed, timed out or canceled jobs can be retried");
    }
}
