package io.jenkins.plugins.externalbuild.provider.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * CodeBuild's JSON API replayed from the fixtures in {@code CodeBuildProviderTest/} (see the README there for the
 * sources: the service model, the API Reference pages API_BatchGetBuilds, API_RetryBuild, API_StopBuild,
 * API_RetryBuildBatch, and Smithy's aws-json-1_1 protocol). Every error test checks that no key material, session
 * token or signature reaches a message, a {@code toString()} or a log record.
 */
class CodeBuildProviderTest extends CodeBuildProviderHarness {

    // --- status (API_BatchGetBuilds) ---

    @Test
    void statusOfARunningBuildIsOneSignedBatchGetBuilds() throws Exception {
        answer(200, fixture("batch-get-builds-in-progress.json"));

        BuildStatus status = provider().status(build(RUNNING));

        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.raw()).isEqualTo("IN_PROGRESS");
        RecordedRequest request = take("BatchGetBuilds");
        assertThat(body(request)).isEqualTo(Json.MAPPER.readTree("{\"ids\":[\"" + RUNNING + "\"]}"));
    }

    @Test
    void batchMemberInProvisioningIsRunning() throws Exception {
        answer(200, fixture("batch-get-builds-in-progress.json"));

        assertThat(provider().status(build(PROVISIONING)).state()).isEqualTo(State.RUNNING);
    }

    @Test
    void retriedBuildStillInTheQueuedPhaseIsQueued() throws Exception {
        String build = Json.MAPPER.readTree(fixture("retry-build-response.json")).get("build").toString();
        answer(200, "{\"builds\":[" + build + "],\"buildsNotFound\":[]}");

        BuildStatus status = provider().status(build(RETRIED));

        assertThat(status.state()).isEqualTo(State.QUEUED);
        assertThat(status.raw()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void succeededBuildIsSuccess() throws Exception {
        answer(200, fixture("batch-get-builds-succeeded.json"));

        assertThat(provider().status(build(SUCCEEDED))).isEqualTo(BuildStatus.of(State.SUCCESS, "SUCCEEDED"));
    }

    @Test
    void failedBuildIsFailedAndNamesItsFailedPhase() throws Exception {
        answer(200, fixture("batch-get-builds-failed.json"));
        answer(200, fixture("batch-get-builds-failed.json"));

        CodeBuildProvider provider = provider();
        assertThat(provider.status(build(FAILED))).isEqualTo(BuildStatus.of(State.FAILED, "FAILED"));
        assertThat(provider.failedJobs(build(FAILED))).containsExactly("BUILD");
    }

    @Test
    void buildInBuildsNotFoundIsNotFound() throws Exception {
        answer(200, fixture("batch-get-builds-failed.json"));

        assertThatThrownBy(() -> provider().status(build(MISSING)))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining(MISSING).hasMessageContaining("us-east-1")
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void batchStatusesMapFromBuildBatchStatus() throws Exception {
        answer(200, fixture("batch-get-build-batches-in-progress.json"));
        answer(200, fixture("batch-get-build-batches-succeeded.json"));
        answer(200, fixture("batch-get-build-batches-failed.json"));

        CodeBuildProvider provider = provider();
        assertThat(provider.status(batch(BATCH))).isEqualTo(BuildStatus.of(State.RUNNING, "IN_PROGRESS"));
        assertThat(provider.status(batch(BATCH))).isEqualTo(BuildStatus.of(State.SUCCESS, "SUCCEEDED"));
        assertThat(provider.status(batch(BATCH))).isEqualTo(BuildStatus.of(State.FAILED, "FAILED"));
        RecordedRequest request = take("BatchGetBuildBatches");
        assertThat(body(request)).isEqualTo(Json.MAPPER.readTree(fixture("batch-get-build-batches-request.json")));
    }

    @Test
    void failedBatchNamesItsFailedBuildGroupsNotTheOnesStoppedAfterThem() throws Exception {
        answer(200, fixture("batch-get-build-batches-failed.json"));

        assertThat(provider().failedJobs(batch(BATCH))).containsExactly("linux_small");
    }

    @Test
    void batchMissingFromTheAnswerIsNotFound() {
        answer(200, fixture("batch-get-build-batches-failed.json"));

        assertThatThrownBy(() -> provider().status(batch(MISSING))).isInstanceOf(ProviderException.NotFound.class)
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void twoHundredFiftyBuildsAreReadInThreeCallsOfAtMostOneHundred() throws Exception {
        List<BuildRef> refs = IntStream.range(0, 250)
                .mapToObj(i -> build(String.format("p:00000000-0000-4000-8000-%012d", i))).toList();
        for (int from = 0; from < 250; from += 100) {
            StringBuilder builds = new StringBuilder();
            for (int i = from; i < Math.min(250, from + 100); i++) {
                if (i == 7) {
                    continue; // CodeBuild lists it in buildsNotFound
                }
                builds.append(builds.length() == 0 ? "" : ",").append("{\"id\":\"").append(refs.get(i).id())
                        .append("\",\"buildStatus\":\"").append(i % 2 == 0 ? "SUCCEEDED" : "IN_PROGRESS")
                        .append("\",\"currentPhase\":\"BUILD\"}");
            }
            answer(200, "{\"builds\":[" + builds + "],\"buildsNotFound\":[" + (from == 0 ? "\"" + refs.get(7).id() + "\"" : "") + "]}");
        }

        Map<BuildRef, BuildStatus> statuses = provider().statuses(refs);

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(body(take("BatchGetBuilds")).get("ids")).hasSize(100);
        assertThat(body(take("BatchGetBuilds")).get("ids")).hasSize(100);
        JsonNode last = body(take("BatchGetBuilds")).get("ids");
        assertThat(last).hasSize(50);
        assertThat(last.get(0).asText()).isEqualTo(refs.get(200).id());
        assertThat(statuses).hasSize(249).doesNotContainKey(refs.get(7));
        assertThat(statuses.get(refs.get(0)).state()).isEqualTo(State.SUCCESS);
        assertThat(statuses.get(refs.get(249)).state()).isEqualTo(State.RUNNING);
        assertThat(List.copyOf(statuses.keySet()).get(7)).isEqualTo(refs.get(8));
    }

    // --- restart (API_RetryBuild, API_RetryBuildBatch) ---

    @Test
    void retryOfAFailedBuildReturnsTheNewBuildAsTheNextAttempt() throws Exception {
        answer(200, fixture("retry-build-response.json"));

        Attempt next = provider().restart(Attempt.first(build(FAILED)), null);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref().id()).isEqualTo(RETRIED);
        assertThat(next.ref().kind()).isEqualTo("build");
        assertThat(next.ref().url()).isEqualTo("https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/"
                + "externalbuild-demo/build/" + RETRIED + "/log?region=us-east-1");
        JsonNode body = body(take("RetryBuild"));
        assertThat(body.get("id").asText()).isEqualTo(FAILED);
        assertThat(body.get("idempotencyToken").asText()).startsWith("externalbuild-")
                .isEqualTo(CodeBuildProvider.idempotencyToken(build(FAILED), 1));
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void replayOfTheSameAttemptSendsTheSameIdempotencyTokenAndTheNextAttemptAnother() throws Exception {
        answer(200, fixture("retry-build-response.json"));
        answer(200, fixture("retry-build-response.json"));
        answer(200, fixture("retry-build-response.json"));
        CodeBuildProvider provider = provider();

        provider.restart(Attempt.first(build(FAILED)), RestartMode.ALL);
        provider().restart(Attempt.first(build(FAILED)), RestartMode.ALL); // another connection, as after a restart
        provider.restart(new Attempt(build(FAILED), 2), RestartMode.ALL);

        String first = body(take("RetryBuild")).get("idempotencyToken").asText();
        String replay = body(take("RetryBuild")).get("idempotencyToken").asText();
        String secondAttempt = body(take("RetryBuild")).get("idempotencyToken").asText();
        assertThat(replay).isEqualTo(first);
        assertThat(secondAttempt).isNotEqualTo(first);
        assertThat(CodeBuildProvider.idempotencyToken(build(SUCCEEDED), 1)).isNotEqualTo(first);
    }

    @Test
    void retryOfABuildInProgressIsNotRestartable() {
        answer(400, fixture("invalid-input.json"));

        assertThatThrownBy(() -> provider().restart(Attempt.first(build(RUNNING)), null))
                .isInstanceOf(ProviderException.NotRestartable.class)
                .hasMessageContaining("InvalidInputException").hasMessageContaining("RetryBuild")
                .hasMessageContaining("is not complete")
                .satisfies(this::assertTokenAbsent);
    }

    @Test
    void buildsCannotBeRestartedWithModeFailed() {
        assertThatThrownBy(() -> provider().restart(Attempt.first(build(FAILED)), RestartMode.FAILED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supported: all");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void retryOfABatchRetriesItsFailedBuildsByDefaultAndKeepsItsId() throws Exception {
        answer(200, fixture("retry-build-batch-response.json"));

        Attempt next = provider().restart(Attempt.first(batch(BATCH)), null);

        assertThat(next.number()).isEqualTo(2);
        assertThat(next.ref()).isEqualTo(batch(BATCH));
        JsonNode body = body(take("RetryBuildBatch"));
        assertThat(body.get("id").asText()).isEqualTo(BATCH);
        assertThat(body.get("retryType").asText()).isEqualTo("RETRY_FAILED_BUILDS");
        assertThat(body.get("idempotencyToken").asText()).isEqualTo(CodeBuildProvider.idempotencyToken(batch(BATCH), 1));
    }

    @Test
    void retryOfABatchWithModeAllRetriesAllBuilds() throws Exception {
        answer(200, fixture("retry-build-batch-response.json"));

        Attempt next = provider().restart(new Attempt(batch(BATCH), 3), RestartMode.ALL);

        assertThat(next.number()).isEqualTo(4);
        assertThat(body(take("RetryBuildBatch")).get("retryType").asText()).isEqualTo("RETRY_ALL_BUILDS");
    }

    @Test
    void retryOfAMissingBuildIsNotFound() {
        answer(400, fixture("resource-not-found.json"));

        assertThatThrownBy(() -> provider().restart(Attempt.first(build(MISSING)), null))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("ResourceNotFoundException")
                .satisfies(this::assertTokenAbsent);
    }

    // --- cancel (API_StopBuild) ---

    @Test
    void cancelSendsStopBuild() throws Exception {
        answer(200, fixture("stop-build-response.json"));

        provider().cancel(build(RUNNING));

        assertThat(body(take("StopBuild"))).isEqualTo(Json.MAPPER.readTree(fixture("stop-build-request.json")));
    }

    @Test
    void cancelOfABatchSendsStopBuildBatch() throws Exception {
        answer(200, "{\"buildBatch\":{\"id\":\"" + BATCH + "\",\"buildBatchStatus\":\"STOPPED\"}}");

        provider().cancel(batch(BATCH));

        assertThat(body(take("StopBuildBatch")).get("id").asText()).isEqualTo(BATCH);
    }

    @Test
    void cancelOfABuildThatAlreadyEndedIsNotAnError() throws Exception {
        answer(400, "{\"__type\":\"InvalidInputException\",\"message\":\"Build cannot be stopped\"}");
        answer(200, fixture("batch-get-builds-succeeded.json"));

        provider().cancel(build(SUCCEEDED));

        take("StopBuild");
        take("BatchGetBuilds");
    }

    @Test
    void refusedCancelOfARunningBuildIsNotRestartable() {
        answer(400, "{\"__type\":\"InvalidInputException\",\"message\":\"Build cannot be stopped\"}");
        answer(200, fixture("batch-get-builds-in-progress.json"));

        assertThatThrownBy(() -> provider().cancel(build(RUNNING))).isInstanceOf(ProviderException.NotRestartable.class)
                .satisfies(this::assertTokenAbsent);
    }
}
