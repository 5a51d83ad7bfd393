package io.jenkins.plugins.externalbuild.provider.circleci;

import java.util.List;

/**
 * The fields we read from CircleCI API v2 answers (snake_case; unknown fields are ignored). Source: the API v2
 * OpenAPI document in circleci-docs, schemas {@code Workflow}, {@code WorkflowListResponse}, {@code Job} /
 * {@code WorkflowJobListResponse}, {@code PipelineListResponse} and the rerun answer.
 */
final class CircleCiDtos {

    private CircleCiDtos() {
    }

    /** {@code GET /workflow/{id}}; also the items of {@code GET /pipeline/{id}/workflow}. */
    record Workflow(String id, String name, String status, String pipelineId, Long pipelineNumber, String projectSlug,
                    String createdAt, String stoppedAt) {
    }

    record WorkflowList(List<Workflow> items, String nextPageToken) {
    }

    /** An item of {@code GET /workflow/{id}/job}; {@code jobNumber} is absent for jobs that never started. */
    record Job(String id, Long jobNumber, String name, String status, String type) {
    }

    record JobList(List<Job> items, String nextPageToken) {
    }

    /** An item of {@code GET /project/{project-slug}/pipeline}. */
    record Pipeline(String id, Long number, String state, String projectSlug, String createdAt) {
    }

    record PipelineList(List<Pipeline> items, String nextPageToken) {
    }

    /** The 202 answer of {@code POST /workflow/{id}/rerun}: the id of the new workflow. */
    record Rerun(String workflowId) {
    }
}
