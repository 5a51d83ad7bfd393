package io.jenkins.plugins.externalbuild.provider.jenkins;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.Build;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.Job;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.QueueItem;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * The reads of builds, jobs and queue items, and the status of a build (with the pending-input check). Thread-safe.
 *
 * <p>Pending input: a running Pipeline that waits in an {@code input} step is {@code MANUAL}. Core's API does not
 * show it; pipeline-rest-api's {@code GET …/NUMBER/wfapi/pendingInputActions} does (a JSON array, empty when none).
 * A controller without that plugin answers 404, after which it is not asked again for this connection.
 */
final class JenkinsReads {

    /** How many of a job's newest builds one batched read lists. */
    static final int WINDOW = 50;

    private final JenkinsApi api;
    private final Map<String, Boolean> noPendingInputApi = new ConcurrentHashMap<>();

    JenkinsReads(JenkinsApi api) {
        this.api = api;
    }

    JenkinsApi api() {
        return api;
    }

    Build build(String server, String job, int number, boolean withActions) throws ProviderException {
        HttpUrl url = api.job(server, job).addPathSegment(String.valueOf(number)).addPathSegments("api/json")
                .addQueryParameter("tree", JenkinsDtos.BUILD_FIELDS + (withActions ? "," + JenkinsDtos.ACTION_FIELDS : ""))
                .build();
        return api.read(url, Build.class, "build " + number + " of job " + job);
    }

    Build build(BuildRef ref, boolean withActions) throws ProviderException {
        return build(ref.server(), ref.project(), Integer.parseInt(ref.id()), withActions);
    }

    /**
     * The job: whether it can be built, its next number, whether it takes parameters, and its newest {@code window}
     * builds (0: none).
     */
    Job job(String server, String job, int window, boolean withActions) throws ProviderException {
        StringBuilder tree = new StringBuilder("_class,buildable,nextBuildNumber,property[parameterDefinitions[name]]");
        if (window > 0) {
            tree.append(",builds[").append(JenkinsDtos.BUILD_FIELDS)
                    .append(withActions ? "," + JenkinsDtos.ACTION_FIELDS : "").append("]{0,").append(window).append('}');
        }
        HttpUrl url = api.job(server, job).addPathSegments("api/json").addQueryParameter("tree", tree.toString()).build();
        return api.read(url, Job.class, "job " + job);
    }

    /** The queue item, or null when Jenkins no longer has it (404: purged about 5 minutes after it left the queue). */
    QueueItem queueItem(String server, long id) throws ProviderException {
        HttpUrl url = api.url(server).addPathSegments("queue/item").addPathSegment(String.valueOf(id))
                .addPathSegments("api/json").addQueryParameter("tree",
                        "_class,id,why,blocked,buildable,stuck,cancelled,executable[number,url],task[name,url]").build();
        HttpResponse r = api.get(url);
        if (r.code() == 404) {
            return null;
        }
        if (!r.successful()) {
            throw api.classify(r, "queue item " + id);
        }
        return io.jenkins.plugins.externalbuild.provider.Json.read(io.jenkins.plugins.externalbuild.provider.Json.MAPPER,
                r, QueueItem.class, api.transport());
    }

    /** The status of a build just read: its table entry, or {@code MANUAL} while a Pipeline waits for input. */
    BuildStatus status(String server, String job, Build build) throws ProviderException {
        BuildStatus status = JenkinsStatusMapping.of(build);
        if (build.isBuilding() && build.isPipeline() && build.number() != null && waitsForInput(server, job, build.number())) {
            return JenkinsStatusMapping.map(JenkinsStatusMapping.INPUT).withTiming(status.startedAt(), null)
                    .withExpected(status.expectedMillis());
        }
        return status;
    }

    private boolean waitsForInput(String server, String job, int number) throws ProviderException {
        if (noPendingInputApi.containsKey(server)) {
            return false;
        }
        HttpUrl url = api.job(server, job).addPathSegment(String.valueOf(number))
                .addPathSegments("wfapi/pendingInputActions").build();
        HttpResponse r = api.get(url);
        if (r.code() == 404) {
            noPendingInputApi.put(server, Boolean.TRUE);
            return false;
        }
        if (!r.successful()) {
            throw api.classify(r, "the pending input of build " + number + " of job " + job);
        }
        String body = r.body() == null ? "" : r.body().trim();
        return body.startsWith("[") && !body.matches("\\[\\s*]");
    }
}
