package io.jenkins.plugins.externalbuild.provider.codebuild;

import java.util.List;

/**
 * The request and answer shapes we use of the CodeBuild API (AWS JSON 1.1), field names as on the wire.
 * Unknown fields are ignored; timestamps (epoch seconds as numbers) are not read.
 * Source: {@code botocore/data/codebuild/2016-10-06/service-2.json} (see the fixture README).
 */
final class CodeBuildDtos {

    private CodeBuildDtos() {
    }

    /** {@code BatchGetBuilds} and {@code BatchGetBuildBatches} input: 1..100 ids. */
    record Ids(List<String> ids) {
    }

    /** {@code StopBuild} and {@code StopBuildBatch} input. */
    record Id(String id) {
    }

    record RetryBuildInput(String id, String idempotencyToken) {
    }

    record RetryBuildBatchInput(String id, String idempotencyToken, String retryType) {
    }

    record BatchGetBuildsOutput(List<Build> builds, List<String> buildsNotFound) {
    }

    record BatchGetBuildBatchesOutput(List<BuildBatch> buildBatches, List<String> buildBatchesNotFound) {
    }

    /** {@code RetryBuild} and {@code StopBuild} output. */
    record BuildOutput(Build build) {
    }

    /** {@code RetryBuildBatch} and {@code StopBuildBatch} output. */
    record BuildBatchOutput(BuildBatch buildBatch) {
    }

    record Build(String id, String arn, Long buildNumber, String projectName, String buildStatus, String currentPhase,
                 Boolean buildComplete, List<Phase> phases, String buildBatchArn) {
    }

    record Phase(String phaseType, String phaseStatus, List<PhaseContext> contexts) {
    }

    record PhaseContext(String statusCode, String message) {
    }

    record BuildBatch(String id, String arn, Long buildBatchNumber, String projectName, String buildBatchStatus,
                      String currentPhase, Boolean complete, List<BuildGroup> buildGroups) {
    }

    record BuildGroup(String identifier, Boolean ignoreFailure, BuildSummary currentBuildSummary) {
    }

    record BuildSummary(String arn, String buildStatus) {
    }
}
