package io.jenkins.plugins.externalbuild.provider.github;

import java.util.List;

/**
 * The fields we read from GitHub's answers; unknown fields are ignored. Source: the REST API description
 * (github/rest-api-description), schemas {@code workflow-run} and {@code job}, and the list answers of
 * "List workflow runs for a repository" and "List jobs for a workflow run (attempt)".
 */
final class GitHubActionsDtos {

    private GitHubActionsDtos() {
    }

    /**
     * A workflow run as of its latest attempt (or of the attempt asked for). {@code createdAt} is when the run
     * was first created; {@code runStartedAt} when its latest attempt started.
     */
    record WorkflowRun(Long id, String name, Long runNumber, Integer runAttempt, String status, String conclusion,
                       String headBranch, String createdAt, String runStartedAt, String htmlUrl) {
    }

    record WorkflowRuns(Integer totalCount, List<WorkflowRun> workflowRuns) {
    }

    /** A job of a run attempt; a re-run job is a new job (new id) in the run's next attempt. */
    record Job(Long id, Long runId, Integer runAttempt, String name, String status, String conclusion, String htmlUrl) {
    }

    record Jobs(Integer totalCount, List<Job> jobs) {
    }
}
