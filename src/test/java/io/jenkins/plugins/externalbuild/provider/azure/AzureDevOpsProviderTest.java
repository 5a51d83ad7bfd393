package io.jenkins.plugins.externalbuild.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Azure DevOps' documented answers replayed from the fixtures next to this class (their README lists the sources
 * and what is unverified): Builds - Get, Builds - Update Build (retry, cancel), Builds - Queue, Builds - List,
 * Timeline - Get (learn.microsoft.com/rest/api/azure/devops/build, api-version 7.1), "Rate and usage limits" for
 * 429 and Retry-After.
 */
class AzureDevOpsProviderTest extends AzureDevOpsProviderHarness {

    // ---- Builds - Get

    @Test
    void runningBuildIsRunningWithItsStartTime() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json"));
        BuildStatus status = provider().status(build("1234"));
        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.raw()).isEqualTo("inProgress/none");
        assertThat(status.startedAt()).isEqualTo(Instant.parse("2024-05-14T10:00:05.5Z").toEpochMilli());
        assertThat(status.durationMillis()).isNull();
        expect("GET", API + "/build/builds/1234?api-version=7.1");
    }

    @Test
    void failedBuildIsFailedWithItsDuration() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        BuildStatus status = provider().status(build("1234"));
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.raw()).isEqualTo("completed/failed");
        assertThat(status.durationMillis()).isEqualTo(244_750L);
    }

    @Test
    void partiallySucceededBuildIsFailedAndSaysSo() throws Exception {
        server.enqueue(answer(200, "build-partially-succeeded.json"));
        BuildStatus status = provider().status(build("1234"));
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.toString()).isEqualTo("failed (completed/partiallySucceeded)");
    }

    @Test
    void queuedAndSucceededBuildsMapFromTheirFixtures() throws Exception {
        server.enqueue(answer(200, "build-not-started.json"));
        server.enqueue(answer(200, "build-succeeded.json"));
        assertThat(provider().status(build("1234")).state()).isEqualTo(State.QUEUED);
        assertThat(provider().status(build("1234")).state()).isEqualTo(State.SUCCESS);
    }

    @Test
    void apiBaseIsDerivedFromTheServerAndTheCollectionPath() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json"));
        String base = server.url("/").toString().replaceAll("/$", "");
        BuildRef ref = type.fromCoordinates(base, "tfs/DefaultCollection/Fabrikam Fiber", "build", "1234");
        connect(null, ProviderCredentials.token(Token.of(TOKEN))).status(ref);
        expect("GET", "/tfs/DefaultCollection/Fabrikam%20Fiber/_apis/build/builds/1234?api-version=7.1");
    }

    @Test
    void publicProjectIsReadWithoutAuthorization() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json"));
        connect(server.url(API).uri(), ProviderCredentials.none()).status(build("1234"));
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void pollSourceReadsOneBuildOnTheAccountBudget() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json"));
        Provider provider = provider();
        PollSource source = provider.pollSource();
        assertThat(source.maxBatch()).isEqualTo(1);
        assertThat(source.key()).doesNotContain(TOKEN).doesNotContain(BASIC);
        BuildRef ref = build("1234");
        Map<BuildRef, Object> read = source.reader().read(List.of(ref));
        assertThat(((BuildStatus) read.get(ref)).state()).isEqualTo(State.RUNNING);
        ProviderContext shared = context();
        ConnectionSettings settings = new ConnectionSettings(server.url(API).uri(), ProviderCredentials.token(Token.of(TOKEN)),
                Map.of());
        assertThat(type.connect(settings, shared).pollSource().budget())
                .as("every connection with the same PAT shares the account's budget")
                .isSameAs(type.connect(settings, shared).pollSource().budget());
    }

    // ---- Builds - Update Build, retry=true: "Rerun failed jobs"

    @Test
    void retryOfFailedBuildKeepsTheIdAndCountsTheAttempt() throws Exception {
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(200, "build-retried.json"));
        Attempt next = provider().restart(Attempt.first(build("1234")), RestartMode.FAILED);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(build("1234"));
        expect("GET", API + "/build/builds/1234?api-version=7.1");
        RecordedRequest patch = expect("PATCH", API + "/build/builds/1234?retry=true&api-version=7.1");
        // Azure answers "The request body must be empty when the retry parameter is specified" otherwise
        // (azure-devops-python-api#524); the web UI's own rerun sends no body (azure-devops-rust-api#181).
        assertThat(patch.getBodySize()).isZero();
        assertThat(patch.getHeaders().get("Content-Length")).isEqualTo("0");
        assertThat(patch.getHeaders().get("Content-Type")).isNull();
    }

    @Test
    void defaultModeIsRetryOfTheFailedJobs() throws Exception {
        server.enqueue(answer(200, "build-partially-succeeded.json"));
        server.enqueue(answer(200, "build-retried.json"));
        Provider provider = provider();
        Attempt next = provider.restart(new Attempt(build("1234"), 2), null);
        assertThat(next.number()).isEqualTo(3);
        assertThat(provider.capabilities(build("1234")).sameIdRestart()).isTrue();
        server.takeRequest();
        expect("PATCH", API + "/build/builds/1234?retry=true&api-version=7.1");
    }

    @Test
    void retryOfRunningBuildIsRefusedBeforeSending() throws Exception {
        server.enqueue(answer(200, "build-in-progress.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("1234")), RestartMode.FAILED));
        assertThat(e.getMessage()).contains("inProgress/none").contains("completed build");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertTokenAbsent(e);
    }

    @Test
    void retryOfSucceededBuildPointsToModeAll() throws Exception {
        server.enqueue(answer(200, "build-succeeded.json"));
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("1234")), RestartMode.FAILED))
                .isInstanceOf(ProviderException.NotRestartable.class).hasMessageContaining("mode 'all'");
    }

    @Test
    void retryRefusedWith400IsNotRestartable() throws Exception {
        // Azure rejects a retry of a build that is (again) running; our read raced with someone else's retry.
        server.enqueue(answer(200, "build-failed.json"));
        server.enqueue(answer(400, "error-400-retry-in-progress.json"));
        ProviderException.NotRestartable e = catchThrowableOfType(ProviderException.NotRestartable.class,
                () -> provider().restart(Attempt.first(build("1234")), RestartMode.FAILED));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("still in progress");
        assertTokenAbsent(e);
    }

    // ---- Builds - Queue: mode all

    @Test
    void restartAllQueuesANewBuildOfTheSameDefinitionAndCommit() throws Exception {
        server.enqueue(answer(200, "build-succeeded.json"));
        server.enqueue(answer(200, "build-queued.json"));
        Attempt next = provider().restart(Attempt.first(build("1234")), RestartMode.ALL);
        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo("1240");
        assertThat(next.ref().url()).isEqualTo("https://dev.azure.com/fabrikam/Fabrikam-Fiber/_build/results?buildId=1240");
        server.takeRequest();
        RecordedRequest post = expect("POST", API + "/build/builds?api-version=7.1");
        assertThat(post.getBody().utf8()).isEqualTo("{\"definition\":{\"id\":29},\"sourceBranch\":\"refs/heads/main\","
                + "\"sourceVersion\":\"c4e8a8dd1b7b4ed5e2df6c9a7a9b5ad1d7a3a0f1\"}");
    }

    @Test
    void restartOfOneJobIsRefusedWithTheSupportedModes() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(build("1234")), RestartMode.JOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Azure DevOps cannot restart a build with mode 'job'; supported: all, failed");
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- cancel, failed jobs, latest

    @Test
    void cancelPatchesTheStatusToCancelling() throws Exception {
        server.enqueue(answer(200, "build-cancelling.json"));
        provider().cancel(build("1234"));
        RecordedRequest patch = expect("PATCH", API + "/build/builds/1234?api-version=7.1");
        assertThat(patch.getBody().utf8()).isEqualTo("{\"status\":\"cancelling\"}");
    }

    @Test
    void failedJobsAreTheFailedJobRecordsOfTheTimeline() throws Exception {
        server.enqueue(answer(200, "timeline-failed.json"));
        assertThat(provider().failedJobs(build("1234"))).containsExactly("Linux");
        expect("GET", API + "/build/builds/1234/timeline?api-version=7.1");
    }

    @Test
    void latestBuildOfABranchIsTheNewestQueued() throws Exception {
        server.enqueue(answer(200, "builds-latest.json"));
        BuildRef ref = provider().latest(null, PROJECT, "main");
        assertThat(ref).isEqualTo(build("1239"));
        expect("GET", API + "/build/builds?branchName=refs/heads/main&queryOrder=queueTimeDescending&$top=1&api-version=7.1");
    }

    @Test
    void latestBuildOfABranchWithoutBuildsIsNotFound() {
        server.enqueue(answer(200, "builds-empty.json"));
        assertThatThrownBy(() -> provider().latest(null, PROJECT, "refs/heads/release/1.0"))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("refs/heads/release/1.0");
    }
}
