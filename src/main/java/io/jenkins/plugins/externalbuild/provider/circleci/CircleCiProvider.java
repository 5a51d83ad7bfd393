package io.jenkins.plugins.externalbuild.provider.circleci;

import static io.jenkins.plugins.externalbuild.provider.circleci.CircleCiApi.what;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ApiUrls;
import io.jenkins.plugins.externalbuild.provider.Capabilities;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.circleci.CircleCiDtos.Job;
import io.jenkins.plugins.externalbuild.provider.circleci.CircleCiDtos.Pipeline;
import io.jenkins.plugins.externalbuild.provider.circleci.CircleCiDtos.PipelineList;
import io.jenkins.plugins.externalbuild.provider.circleci.CircleCiDtos.Rerun;
import io.jenkins.plugins.externalbuild.provider.circleci.CircleCiDtos.Workflow;
import io.jenkins.plugins.externalbuild.provider.circleci.CircleCiDtos.WorkflowList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * CircleCI API v2, workflows; authenticates with a personal API token in the {@code Circle-Token} header (project
 * tokens do not work with v2). Source: the API v2 OpenAPI document (circleci-docs).
 *
 * <ul>
 *   <li>Status {@code GET /workflow/{id}}, mapped by {@link CircleCiStatusMapping}, with timing from
 *       {@code created_at}/{@code stopped_at}.</li>
 *   <li>Restart {@code POST /workflow/{id}/rerun} (202 {@code {"workflow_id": …}}): a <em>new</em> workflow in the same
 *       pipeline. Mode {@code failed} (default) sends {@code {"from_failed": true}}, mode {@code all}
 *       {@code {"from_failed": false}}, mode {@code job} {@code {"jobs": [JOB_ID]}} for the job the ref's URL names
 *       ({@code …/jobs/N}; its id is looked up in {@code GET /workflow/{id}/job}). The workflow is read first: CircleCI
 *       reruns only a workflow in a terminal state (400 "Workflow must be in a terminal state to be rerun").</li>
 *   <li>Cancel {@code POST /workflow/{id}/cancel} (202). Failed jobs from {@code GET /workflow/{id}/job}.</li>
 *   <li>Latest: {@code GET /project/{slug}/pipeline?branch=B} (newest first), then the newest workflow of that pipeline
 *       from {@code GET /pipeline/{id}/workflow}.</li>
 * </ul>
 * Rate limits: 429 with {@code Retry-After}; {@code RateLimit-*}/{@code X-RateLimit-*} headers, whose reset is in
 * seconds from now (api-developers-guide.adoc, "Rate limits").
 */
public final class CircleCiProvider implements Provider {

    private static final Capabilities WORKFLOW_CAPS = new Capabilities(EnumSet.of(RestartMode.FAILED, RestartMode.ALL),
            RestartMode.FAILED, true, false);
    private static final Capabilities JOB_URL_CAPS = new Capabilities(
            EnumSet.of(RestartMode.FAILED, RestartMode.ALL, RestartMode.JOB), RestartMode.FAILED, true, false);
    /** Workflow statuses CircleCI will rerun (terminal ones; workflows.adoc). */
    private static final Set<String> RERUNNABLE = Set.of("success", "failed", "error", "canceled", "unauthorized", "not_run");
    /** Job statuses that count as failed (OpenAPI {@code Job.status}). */
    private static final Set<String> FAILED_JOB = Set.of("failed", "infrastructure_fail", "timedout", "terminated-unknown",
            "unauthorized");

    private final CircleCiProviderType type;
    private final CircleCiApi api;

    CircleCiProvider(CircleCiProviderType type, ConnectionSettings settings, ProviderContext context) {
        this.type = type;
        this.api = new CircleCiApi(settings, context);
    }

    @Override
    public ProviderType type() {
        return type;
    }

    @Override
    public PollSource pollSource() {
        return PollSource.single(api.transport().budget().name(), this::status, api.transport().budget());
    }

    /** Modes {@code failed} (default) and {@code all}; {@code job} too when the ref's URL names a job. */
    @Override
    public Capabilities capabilities(BuildRef ref) {
        return CircleCiProviderType.jobNumber(ref).isPresent() ? JOB_URL_CAPS : WORKFLOW_CAPS;
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        check(ref);
        Workflow w = api.workflow(ref.id());
        BuildStatus status = CircleCiStatusMapping.map(w.status());
        Instant created = instant(w.createdAt());
        Instant stopped = instant(w.stoppedAt());
        Long duration = created != null && stopped != null && !stopped.isBefore(created)
                ? Duration.between(created, stopped).toMillis() : null;
        return created == null ? status : status.withTiming(created.toEpochMilli(), duration);
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws ProviderException {
        BuildRef ref = current.ref();
        check(ref);
        RestartMode chosen = capabilities(ref).choose(mode, "CircleCI", ref.kind());
        Workflow before = ProviderException.beforeChange(() -> api.workflow(ref.id()));
        String raw = before.status() == null ? "" : before.status().toLowerCase(Locale.ROOT);
        if (!RERUNNABLE.contains(raw)) {
            throw new ProviderException.NotRestartable(CircleCiProviderType.ID, 0, "CircleCI " + what(ref) + " is "
                    + before.status() + "; CircleCI reruns a workflow only once it has ended (cancel it first, or wait)");
        }
        if (chosen == RestartMode.FAILED && raw.equals("success")) {
            throw new ProviderException.NotRestartable(CircleCiProviderType.ID, 0, "CircleCI " + what(ref)
                    + " succeeded, so it has no failed jobs to rerun; use mode 'all' to run it again");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (chosen == RestartMode.JOB) {
            long number = CircleCiProviderType.jobNumber(ref).getAsLong();
            body.putArray("jobs").add(ProviderException.beforeChange(() -> jobId(ref, number)));
        } else {
            body.put("from_failed", chosen == RestartMode.FAILED);
        }
        HttpResponse r = api.send(api.post(api.url("workflow", ref.id(), "rerun"), body.toString()), "rerun of " + what(ref));
        Rerun rerun = api.read(r, Rerun.class);
        String newId = rerun.workflowId();
        if (newId == null || !newId.matches(CircleCiProviderType.UUID)) {
            throw new ProviderException.BadResponse(CircleCiProviderType.ID, r.code(), "CircleCI answered " + r.code()
                    + " to the rerun of " + what(ref) + " without the id of the new workflow", null);
        }
        newId = newId.toLowerCase(Locale.ROOT);
        String slug = before.projectSlug() != null ? before.projectSlug() : ref.project();
        String url = before.pipelineNumber() != null ? CircleCiProviderType.webUrl(slug, before.pipelineNumber(), newId)
                : CircleCiProviderType.DEFAULT_SERVER + "/pipelines/workflows/" + newId;
        return current.next(new BuildRef(ref.provider(), ref.kind(), ref.server(), slug, newId, url));
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        check(ref);
        api.send(api.post(api.url("workflow", ref.id(), "cancel"), "{}"), "cancel of " + what(ref));
    }

    @Override
    public List<String> failedJobs(BuildRef ref) throws ProviderException {
        check(ref);
        List<String> names = new ArrayList<>();
        for (Job j : api.jobs(ref)) {
            if (j.name() != null && j.status() != null && FAILED_JOB.contains(j.status().toLowerCase(Locale.ROOT))) {
                names.add(j.name());
            }
        }
        return names;
    }

    /** The newest workflow of the newest pipeline of {@code branch} in project {@code project} (a slug). */
    @Override
    public BuildRef latest(String server, String project, String branch) throws ProviderException {
        if (branch == null || branch.isBlank()) {
            throw new IllegalArgumentException("CircleCI latest workflow needs a branch name");
        }
        String slug = type.fromCoordinates(server, project, CircleCiProviderType.WORKFLOW,
                "00000000-0000-0000-0000-000000000000").project();
        HttpUrl u = api.base().addPathSegment("project").addPathSegments(slug).addPathSegment("pipeline")
                .addQueryParameter("branch", branch.trim()).build();
        PipelineList pipelines = api.read(api.send(api.get(u), "pipelines of " + branch + " in " + slug),
                PipelineList.class);
        if (pipelines.items() == null || pipelines.items().isEmpty() || pipelines.items().get(0).id() == null) {
            throw new ProviderException.NotFound(CircleCiProviderType.ID, 200, "CircleCI project " + slug
                    + " has no pipeline for branch '" + branch + "'");
        }
        Pipeline newest = pipelines.items().get(0);
        HttpUrl wu = api.base().addPathSegment("pipeline").addPathSegment(newest.id()).addPathSegment("workflow").build();
        WorkflowList workflows = api.read(api.send(api.get(wu), "workflows of pipeline " + newest.number() + " of "
                + slug), WorkflowList.class);
        Workflow w = workflows.items() == null ? null : workflows.items().stream()
                .filter(x -> x.id() != null && x.id().matches(CircleCiProviderType.UUID))
                .max(Comparator.comparing(x -> Objects.requireNonNullElse(instant(x.createdAt()), Instant.MIN)))
                .orElse(null);
        if (w == null) {
            throw new ProviderException.NotFound(CircleCiProviderType.ID, 200, "CircleCI pipeline " + newest.number() + " of "
                    + slug + " (branch '" + branch + "') has no workflow" + (newest.state() == null ? ""
                    : "; its state is " + newest.state()));
        }
        String id = w.id().toLowerCase(Locale.ROOT);
        long number = w.pipelineNumber() != null ? w.pipelineNumber() : newest.number() == null ? 0 : newest.number();
        return new BuildRef(CircleCiProviderType.ID, CircleCiProviderType.WORKFLOW, CircleCiProviderType.DEFAULT_SERVER,
                slug, id, CircleCiProviderType.webUrl(slug, number, id));
    }

    private String jobId(BuildRef ref, long number) throws ProviderException {
        for (Job j : api.jobs(ref)) {
            if (j.jobNumber() != null && j.jobNumber() == number && j.id() != null) {
                return j.id();
            }
        }
        throw new ProviderException.NotFound(CircleCiProviderType.ID, 200, "CircleCI " + what(ref) + " has no job "
                + number + "; check the job URL");
    }

    private static Instant instant(String text) {
        return ApiUrls.time(text).orElse(null);
    }

    private void check(BuildRef ref) {
        if (!CircleCiProviderType.ID.equals(ref.provider())) {
            throw new IllegalArgumentException("not a CircleCI build: " + ref.url());
        }
        if (!ref.id().matches(CircleCiProviderType.UUID)) {
            throw new IllegalArgumentException("CircleCI workflow id must be a UUID, got '" + ref.id() + "'");
        }
    }
}
