package io.jenkins.plugins.externalbuild.provider.codeship;

import java.util.List;

/**
 * The fields we read from Codeship answers; unknown fields are ignored. The auth answer is deliberately not
 * here: it holds the access token, and a record would print it (see {@code CodeshipSession}).
 *
 * <p>Sources: API v2 docs.cloudbees.com/docs/cloudbees-codeship/latest/api-builds/get-build, …/list-builds,
 * …/api-projects/get-project; Basic API v1 codeship/documentation {@code _basic/getting-started/api.md}.
 */
final class CodeshipDtos {

    private CodeshipDtos() {
    }

    /** One organization of the auth answer; {@code scopes} such as {@code build.write}. */
    record Organization(String uuid, String name, List<String> scopes) {
    }

    /** v2 {@code {"build": {...}}}. */
    record BuildEnvelope(Build build) {
    }

    /** A v2 build. Timestamps are ISO-8601 with {@code Z} or {@code +00:00}; {@code finishedAt} is null while running. */
    record Build(String uuid, String projectUuid, String organizationUuid, String ref, String branch, String commitSha,
                 String status, String queuedAt, String finishedAt, Links links) {
    }

    /** Basic builds link {@code pipelines}; Pro builds link {@code steps} and {@code services}. */
    record Links(String pipelines, String steps, String services) {
    }

    /** v2 {@code GET …/builds}: one page, newest first. */
    record BuildList(List<Build> builds, Integer total, Integer perPage, Integer page) {
    }

    /** v2 {@code {"project": {...}}}; {@code type} is {@code basic} or {@code pro}. Keys (ssh, aes) are not read. */
    record ProjectEnvelope(Project project) {
    }

    record Project(String uuid, Long id, String name, String type, String organizationUuid) {
    }

    /** v1 {@code GET /projects/:id.json}: the project with its recent builds, newest first. */
    record V1Project(Long id, String uuid, String repositoryName, List<V1Build> builds) {
    }

    /** A v1 build, as listed in a project and as answered by a restart. */
    record V1Build(Long id, String uuid, Long projectId, String status, String branch, String commitId,
                   String startedAt, String finishedAt) {
    }
}
