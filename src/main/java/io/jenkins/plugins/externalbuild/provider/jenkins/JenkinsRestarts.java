package io.jenkins.plugins.externalbuild.provider.jenkins;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.Build;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.Job;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.Parameter;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.QueueItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import okhttp3.HttpUrl;

/**
 * Sends a restart, after checking everything that can be checked without sending it:
 * <ul>
 *   <li>the job is buildable ({@code buildable: false}: disabled, or a Pipeline job whose definition forbids it);</li>
 *   <li>the user may build it: {@code GET JOB/buildWithParameters} runs core's permission check (Job/Build) and then
 *       refuses the GET with 405 ({@code BuildAuthorizationToken.checkPermission}); 403 means no permission;</li>
 *   <li>mode {@code all}: every parameter value can be copied (password and file parameters cannot: the API does
 *       not give their values); mode {@code replay}: the build is a Pipeline run.</li>
 * </ul>
 * Mode {@code all}: {@code POST JOB/buildWithParameters?delay=0sec} with the build's parameter values (or
 * {@code POST JOB/build?delay=0sec} for a job without parameters), answered 201 with {@code Location: …/queue/item/ID/}
 * ({@code ParameterizedJobMixIn}, {@code ParametersDefinitionProperty}). Mode {@code replay}:
 * {@code POST BUILD/replay/rebuild} (workflow-cps {@code ReplayAction.doRebuild}: the same script, parameters and
 * revision, allowed with Job/Build), answered 302 to the job (redirects are not followed), so the queue item is looked up in
 * {@code GET /queue/api/json} by job, a {@code ReplayCause} and the API user. A Pipeline runs on a flyweight executor,
 * so its item usually has left the queue by then (seen on 2.541.3): the restart then has no queue id, and
 * {@link JenkinsSearch} finds its build among the job's builds.
 */
final class JenkinsRestarts {

    private static final Logger LOGGER = Logger.getLogger(JenkinsRestarts.class.getName());
    private static final String REPLAY_CAUSE = "ReplayCause";

    private final JenkinsReads reads;
    private final JenkinsApi api;

    JenkinsRestarts(JenkinsReads reads) {
        this.reads = reads;
        this.api = reads.api();
    }

    PendingBuild restart(BuildRef ref, RestartMode mode) throws ProviderException {
        String job = ref.project();
        int number = Integer.parseInt(ref.id());
        Build build = reads.build(ref, true);
        Job info = reads.job(ref.server(), job, 0, false);
        String what = "build " + number + " of job " + job;
        if (!Boolean.TRUE.equals(info.buildable())) {
            throw refused(0, "Jenkins job " + job + " is not buildable (disabled?): " + what + " was not restarted");
        }
        if (mode == RestartMode.REPLAY && !build.isPipeline()) {
            throw refused(0, "Jenkins " + what + " is not a Pipeline build (" + build.type() + "): it cannot be "
                    + "replayed; use mode 'all' to build it again with the same parameters");
        }
        Map<String, List<String>> form = mode == RestartMode.ALL ? copiedParameters(build, what) : Map.of();
        checkBuildPermission(ref.server(), job);
        int next = info.nextBuildNumber() == null ? number + 1 : info.nextBuildNumber();
        return mode == RestartMode.REPLAY ? replay(ref, number, next)
                : rebuild(ref, number, next, form, parameterized(info) || !form.isEmpty());
    }

    private PendingBuild rebuild(BuildRef ref, int number, int next, Map<String, List<String>> form, boolean parameterized)
            throws ProviderException {
        HttpUrl url = api.job(ref.server(), ref.project()).addPathSegment(parameterized ? "buildWithParameters" : "build")
                .addQueryParameter("delay", "0sec").build();
        HttpResponse r = api.post(url, form);
        String what = "the rebuild of build " + number + " of job " + ref.project();
        if (r.code() != 201) {
            throw r.successful() || isRedirect(r) ? refused(r.code(), "Jenkins did not queue " + what + " (answered " + r.code()
                    + " without a queue item; a plugin may have vetoed the build)") : api.classify(r, what);
        }
        String location = r.header("Location");
        java.util.regex.Matcher m = location == null ? null
                : java.util.regex.Pattern.compile("/queue/item/([0-9]{1,18})/?$").matcher(location);
        if (m == null || !m.find()) {
            throw new ProviderException.BadResponse(JenkinsProviderType.ID, 201, "Jenkins queued " + what
                    + " but named no queue item (Location: " + api.transport().redactor().redact(String.valueOf(location))
                    + ")", null);
        }
        return new PendingBuild(ref.server(), ref.project(), Long.parseLong(m.group(1)), number, next);
    }

    private PendingBuild replay(BuildRef ref, int number, int next) throws ProviderException {
        HttpUrl url = api.job(ref.server(), ref.project()).addPathSegment(String.valueOf(number))
                .addPathSegments("replay/rebuild").build();
        HttpResponse r = api.post(url, Map.of());
        String what = "the replay of build " + number + " of job " + ref.project();
        if (r.code() == 404) {
            throw refused(404, "Jenkins has no replay action for build " + number + " of job " + ref.project()
                    + " (POST " + api.transport().redactor().redact(url) + " answered 404): the user lacks Job/Build, "
                    + "or workflow-cps is missing");
        }
        // Accepted: doRebuild redirects to the job ("../.."), a 302 (verified on 2.541.3 with workflow-cps).
        if (!r.successful() && !isRedirect(r)) {
            throw api.classify(r, what);
        }
        long queueId = findReplayItem(ref).orElse(0L);
        LOGGER.fine(() -> what + " queued as item " + queueId);
        return new PendingBuild(ref.server(), ref.project(), queueId, number, next);
    }

    /** Our replay's queue item: of this job, with a ReplayCause and a cause by the API user; none if not exactly one. */
    private Optional<Long> findReplayItem(BuildRef ref) throws ProviderException {
        HttpUrl url = api.url(ref.server()).addPathSegments("queue/api/json").addQueryParameter("tree",
                "items[_class,id,task[name,url],actions[causes[_class,userId]]]").build();
        List<QueueItem> items = api.read(url, JenkinsDtos.Queue.class, "the queue").items();
        String jobPath = JenkinsProviderType.jobPath(List.of(ref.project().split("/")));
        List<Long> ours = items.stream()
                .filter(i -> i.id() != null && i.task() != null && i.task().url() != null && i.task().url().endsWith(jobPath))
                .filter(i -> i.causes().stream().anyMatch(c -> c.type() != null && c.type().endsWith(REPLAY_CAUSE)))
                .filter(i -> JenkinsSearch.byUser(i.causes(), api.user()))
                .map(QueueItem::id).toList();
        return ours.size() == 1 ? Optional.of(ours.get(0)) : Optional.empty();
    }

    private void checkBuildPermission(String server, String job) throws ProviderException {
        HttpUrl probe = api.job(server, job).addPathSegment("buildWithParameters").build();
        HttpResponse r = api.get(probe);
        if (r.code() == 403) {
            throw new ProviderException.AuthError(JenkinsProviderType.ID, 403, "Jenkins refuses to let "
                    + (api.user() == null ? "anonymous" : "user " + api.user()) + " build job " + job
                    + " (GET " + api.transport().redactor().redact(probe) + " answered 403): it needs Job/Build; "
                    + "nothing was sent");
        }
        if (r.code() != 405 && !r.successful()) {
            throw api.classify(r, "the permission check of job " + job);
        }
    }

    /** The values to send again, by name; refuses parameters whose value the API does not give. */
    static Map<String, List<String>> copiedParameters(Build build, String what) throws ProviderException {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (Parameter p : build.parameters()) {
            String type = p.type() == null ? "" : p.type();
            if (p.name() == null) {
                continue;
            }
            String value;
            if (type.endsWith("RunParameterValue") && p.jobName() != null && p.number() != null) {
                value = p.jobName() + "#" + p.number();
            } else if (p.value() != null && p.value().isValueNode() && !p.value().isNull()) {
                value = p.value().asText();
            } else {
                throw refused(0, "Jenkins " + what + " has parameter " + p.name() + " (" + type.replaceAll(".*\\.", "")
                        + ") whose value the API does not give (password and file parameters): it cannot be built again "
                        + "with the same parameters");
            }
            form.computeIfAbsent(p.name(), k -> new java.util.ArrayList<>()).add(value);
        }
        return form;
    }

    private static boolean parameterized(Job job) {
        return job.property().stream()
                .anyMatch(p -> p != null && p.parameterDefinitions() != null && !p.parameterDefinitions().isEmpty());
    }

    private static boolean isRedirect(HttpResponse r) {
        return r.code() == 301 || r.code() == 302 || r.code() == 303;
    }

    private static ProviderException refused(int code, String message) {
        return new ProviderException.NotRestartable(JenkinsProviderType.ID, code, message);
    }
}
