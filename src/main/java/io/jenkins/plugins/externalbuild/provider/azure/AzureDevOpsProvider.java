package io.jenkins.plugins.externalbuild.provider.azure;

import io.jenkins.plugins.externalbuild.provider.ApiUrls;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.Capabilities;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.azure.AzureDevOpsDtos.Build;
import io.jenkins.plugins.externalbuild.provider.azure.AzureDevOpsDtos.BuildList;
import io.jenkins.plugins.externalbuild.provider.azure.AzureDevOpsDtos.Timeline;
import io.jenkins.plugins.externalbuild.provider.azure.AzureDevOpsDtos.TimelineRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Azure DevOps Build REST API, api-version 7.1 (learn.microsoft.com/rest/api/azure/devops/build; the OpenAPI
 * source is MicrosoftDocs/vsts-rest-api-specs {@code specification/build/7.1/build.json}). Base
 * {@code SERVER/PROJECT/_apis}, or the configured API base.
 *
 * <ul>
 *   <li>Status: Builds - Get, {@code GET …/build/builds/{id}}: {@code status} + {@code result}
 *       ({@link AzureDevOpsStatusMapping}), {@code startTime}/{@code finishTime} as timing hints.</li>
 *   <li>Restart mode {@code failed} (default): Builds - Update Build with {@code retry=true},
 *       {@code PATCH …/build/builds/{id}?retry=true}: the portal's "Rerun failed jobs"; the build keeps its id and the
 *       attempt number goes up. Mode {@code all}: Builds - Queue, {@code POST …/build/builds} with the same definition,
 *       sourceBranch and sourceVersion: a new build id. Mode {@code job} is not offered: the nearest the API has is
 *       Stages - Update ({@code PATCH …/builds/{id}/stages/{stageRefName}}, {@code {"state":"retry"}}), which names a
 *       stage, not a job, and a build URL names neither.</li>
 *   <li>Cancel: Builds - Update Build with {@code {"status":"cancelling"}}.</li>
 *   <li>Failed jobs: Timeline - Get, {@code GET …/build/builds/{id}/timeline}: records of type {@code Job} with result
 *       {@code failed} (of type {@code Task} when no job record failed).</li>
 *   <li>Latest build of a branch: Builds - List, {@code GET …/build/builds?branchName=refs/heads/B&$top=1}
 *       newest queued first.</li>
 * </ul>
 */
public final class AzureDevOpsProvider implements Provider {

    private static final Capabilities CAPS = new Capabilities(EnumSet.of(RestartMode.FAILED, RestartMode.ALL),
            RestartMode.FAILED, true, true);
    /** Results with jobs to rerun; the portal offers "Rerun failed jobs" on these. */
    private static final Set<String> RETRYABLE = Set.of("failed", "partiallysucceeded", "canceled");

    private final AzureDevOpsProviderType type;
    private final ConnectionSettings settings;
    private final AzureDevOpsHttp http;

    AzureDevOpsProvider(AzureDevOpsProviderType type, ConnectionSettings settings, ProviderContext context) {
        this.type = type;
        this.settings = settings;
        // Azure announces its limit (X-RateLimit-*, read by the transport) only once a user nears it, and counts
        // it in load units rather than requests; 2 requests a second is a conservative ceiling until then.
        this.http = new AzureDevOpsHttp(context.transport(AzureDevOpsProviderType.ID, type.displayName(), settings, 2.0),
                settings.credentials());
    }

    @Override
    public ProviderType type() {
        return type;
    }

    @Override
    public PollSource pollSource() {
        return PollSource.single(http.transport().budget().name(), this::status, http.transport().budget());
    }

    @Override
    public Capabilities capabilities(BuildRef ref) {
        return CAPS;
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        check(ref);
        Build build = build(ref);
        Long started = millis(build.startTime());
        Long finished = millis(build.finishTime());
        Long duration = started != null && finished != null && finished >= started ? finished - started : null;
        return AzureDevOpsStatusMapping.map(build.status(), build.result()).withTiming(started, duration);
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws ProviderException {
        BuildRef ref = current.ref();
        check(ref);
        RestartMode chosen = CAPS.choose(mode, type.displayName(), ref.kind());
        Build before = ProviderException.beforeChange(() -> build(ref));
        if (chosen == RestartMode.FAILED) {
            String result = before.result() == null ? "none" : before.result();
            if (!"completed".equalsIgnoreCase(before.status()) || !RETRYABLE.contains(result.toLowerCase(Locale.ROOT))) {
                throw new ProviderException.NotRestartable(AzureDevOpsProviderType.ID, 0, "Azure DevOps " + what(ref)
                        + " is " + before.status() + "/" + result + "; only a completed build that failed, partially "
                        + "succeeded or was canceled has jobs to rerun" + ("succeeded".equals(result)
                        ? " (use mode 'all' to run it again)" : ""));
            }
            HttpUrl u = buildUrl(ref).newBuilder().addQueryParameter("retry", "true")
                    .addQueryParameter("api-version", AzureDevOpsHttp.API_VERSION).build();
            // No body: Azure refuses one "when the retry parameter is specified" (azure-devops-python-api#524).
            http.send(http.patch(u), "rerun of the failed jobs of " + what(ref));
            return current.next(ref);
        }
        if (before.definition() == null || before.definition().id() == null) {
            throw new ProviderException.BadResponse(AzureDevOpsProviderType.ID, 200, "Azure DevOps answered for "
                    + what(ref) + " without its definition, so no new build of it can be queued", null);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("definition").put("id", before.definition().id());
        if (before.sourceBranch() != null) {
            body.put("sourceBranch", before.sourceBranch());
        }
        if (before.sourceVersion() != null) {
            body.put("sourceVersion", before.sourceVersion());
        }
        HttpUrl u = apis(ref.server(), ref.project()).addPathSegment("build").addPathSegment("builds")
                .addQueryParameter("api-version", AzureDevOpsHttp.API_VERSION).build();
        HttpResponse r = http.send(http.post(u, body.toString()), "new build of definition "
                + before.definition().id() + " in " + ref.project());
        Build queued = Json.read(Json.MAPPER, r, Build.class, http.transport());
        if (queued.id() == null) {
            throw new ProviderException.BadResponse(AzureDevOpsProviderType.ID, r.code(), "Azure DevOps answered "
                    + r.code() + " without the id of the queued build", null);
        }
        String newId = String.valueOf(queued.id());
        return current.next(ref.withId(newId, webUrl(queued, ref.server(), ref.project(), newId)));
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        check(ref);
        HttpUrl u = buildUrl(ref).newBuilder()
                .addQueryParameter("api-version", AzureDevOpsHttp.API_VERSION).build();
        http.send(http.patch(u, "{\"status\":\"cancelling\"}"), "cancel of " + what(ref));
    }

    @Override
    public List<String> failedJobs(BuildRef ref) throws ProviderException {
        check(ref);
        HttpUrl u = buildUrl(ref).newBuilder().addPathSegment("timeline")
                .addQueryParameter("api-version", AzureDevOpsHttp.API_VERSION).build();
        Timeline timeline = Json.read(Json.MAPPER, http.send(http.get(u), "timeline of " + what(ref)), Timeline.class,
                http.transport());
        List<String> jobs = failed(timeline, "Job");
        return jobs.isEmpty() ? failed(timeline, "Task") : jobs;
    }

    @Override
    public BuildRef latest(String server, String project, String branch) throws ProviderException {
        if (branch == null || branch.isBlank()) {
            throw new IllegalArgumentException("Azure DevOps latest build needs a branch name");
        }
        BuildRef probe = type.fromCoordinates(server, project, AzureDevOpsProviderType.BUILD, "1");
        String name = branch.trim().startsWith("refs/") ? branch.trim() : "refs/heads/" + branch.trim();
        HttpUrl u = apis(probe.server(), probe.project()).addPathSegment("build").addPathSegment("builds")
                .addEncodedQueryParameter("branchName", encodeQuery(name))
                .addQueryParameter("queryOrder", "queueTimeDescending").addEncodedQueryParameter("$top", "1").addQueryParameter("api-version", AzureDevOpsHttp.API_VERSION).build();
        HttpResponse r = http.send(http.get(u), "builds of " + name + " in " + probe.project());
        BuildList list = Json.read(Json.MAPPER, r, BuildList.class, http.transport());
        if (list.value() == null || list.value().isEmpty() || list.value().get(0).id() == null) {
            throw new ProviderException.NotFound(AzureDevOpsProviderType.ID, r.code(), "Azure DevOps project "
                    + probe.project() + " has no build of " + name);
        }
        return type.fromCoordinates(probe.server(), probe.project(), AzureDevOpsProviderType.BUILD,
                String.valueOf(list.value().get(0).id()));
    }

    private static List<String> failed(Timeline timeline, String recordType) {
        List<String> names = new ArrayList<>();
        for (TimelineRecord r : timeline.records() == null ? List.<TimelineRecord>of() : timeline.records()) {
            if (recordType.equalsIgnoreCase(r.type()) && "failed".equalsIgnoreCase(r.result()) && r.name() != null) {
                names.add(r.name());
            }
        }
        return names;
    }

    private Build build(BuildRef ref) throws ProviderException {
        HttpUrl u = buildUrl(ref).newBuilder()
                .addQueryParameter("api-version", AzureDevOpsHttp.API_VERSION).build();
        HttpResponse r = http.send(http.get(u), what(ref));
        Build build = Json.read(Json.MAPPER, r, Build.class, http.transport());
        if (build.status() == null) {
            throw new ProviderException.BadResponse(AzureDevOpsProviderType.ID, r.code(), "Azure DevOps answered for "
                    + what(ref) + " without a status: " + http.transport().excerpt(r.body()), null);
        }
        return build;
    }

    private HttpUrl buildUrl(BuildRef ref) {
        return apis(ref.server(), ref.project()).addPathSegment("build").addPathSegment("builds").addPathSegment(ref.id())
                .build();
    }

    /** The API base: the configured override, else SERVER/PROJECT/_apis. */
    private HttpUrl.Builder apis(String server, String project) {
        if (settings.apiBase() != null) {
            return ApiUrls.base(settings.apiBase().toString(), "Azure DevOps").newBuilder();
        }
        HttpUrl.Builder b = HttpUrl.get(server).newBuilder();
        for (String segment : project.split("/")) {
            b.addPathSegment(segment);
        }
        return b.addPathSegment("_apis");
    }

    private static String webUrl(Build build, String server, String project, String id) {
        if (build.links() != null && build.links().web() != null && build.links().web().href() != null) {
            return build.links().web().href();
        }
        return AzureDevOpsProviderType.webUrl(server, project, id);
    }

    /** Percent-encoded, keeping the slashes of {@code refs/heads/…} readable as the docs write them. */
    private static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    private static Long millis(String time) {
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(time.trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null; // a hint only: an unreadable time must not fail the poll
        }
    }

    private static String what(BuildRef ref) {
        return "build " + ref.id() + " of " + ref.project();
    }

    private static void check(BuildRef ref) {
        if (!AzureDevOpsProviderType.ID.equals(ref.provider())) {
            throw new IllegalArgumentException("not an Azure DevOps build: " + ref.url());
        }
    }
}
