package io.jenkins.plugins.externalbuild.provider.gitlab;

/**
 * The fields we read from GitLab answers (v4 jobs and pipelines, v3 builds). Unknown fields are ignored.
 * Source: {@code doc/api/jobs.md}, {@code doc/api/pipelines.md}, and for v3 {@code doc/api/builds.md}.
 */
final class GitLabDtos {

    private GitLabDtos() {
    }

    /** A v4 job or a v3 build (the v3 build has no {@code web_url}; {@code pipeline} since 8.x). */
    record Job(Long id, String name, String stage, String status, String ref, String webUrl, PipelineRef pipeline,
               String failureReason, Boolean allowFailure) {
    }

    record PipelineRef(Long id, String ref, String sha, String status) {
    }

    record Pipeline(Long id, String status, String ref, String sha, String webUrl, String source) {
    }

    /** A commit status (v4 {@code /repository/commits/:sha/statuses}): one per job. */
    record CommitStatus(Long id, String name, String status, String ref, String targetUrl, Long pipelineId) {
    }
}
