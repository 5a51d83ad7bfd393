package io.jenkins.plugins.externalbuild.provider.buildkite;

import java.util.List;

/**
 * The fields we read from Buildkite REST API answers; unknown fields are ignored. Source: buildkite/docs
 * {@code pages/apis/rest_api/builds.md} (build and job data models) and {@code pages/apis/rest_api/jobs.md}.
 */
final class BuildkiteDtos {

    private BuildkiteDtos() {
    }

    /**
     * A build. {@code retriedJobsCount} only in the answer of "Retry failed jobs for a build".
     * Times are ISO 8601 ({@code 2015-05-09T21:05:59.874Z}) or null.
     */
    record Build(String id, Long number, String state, String webUrl, String branch, Boolean blocked, String startedAt,
                 String finishedAt, List<Job> jobs, Integer retriedJobsCount) {
    }

    /** A job of a build; {@code type} is script, waiter, manual or trigger. */
    record Job(String id, String type, String name, String state, String webUrl, Boolean softFailed, Boolean retried) {
    }
}
