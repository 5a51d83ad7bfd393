package io.jenkins.plugins.externalbuild.provider.gitlab;

import static io.jenkins.plugins.externalbuild.provider.gitlab.GitLabApi.what;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.FailureCause;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.Capabilities;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.gitlab.GitLabDtos.CommitStatus;
import io.jenkins.plugins.externalbuild.provider.gitlab.GitLabDtos.Job;
import io.jenkins.plugins.externalbuild.provider.gitlab.GitLabDtos.Pipeline;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * GitLab REST API v4 (and the v3 {@code builds} endpoints of very old servers, with option
 * {@code apiVersion=3}). Authenticates with {@code PRIVATE-TOKEN}.
 *
 * <ul>
 *   <li>Job: status {@code GET /projects/:id/jobs/:job_id}; restart (mode {@code job})
 *       {@code POST …/jobs/:job_id/retry}, which creates a <em>new</em> job; cancel {@code POST …/jobs/:job_id/cancel}.
 *       In v3 the same under {@code /builds}. Docs: {@code doc/api/jobs.md}, v3 {@code doc/api/builds.md}.</li>
 *   <li>Pipeline: status {@code GET /projects/:id/pipelines/:pipeline_id}; restart mode {@code failed}
 *       {@code POST …/retry} (failed and canceled jobs again, same pipeline id); mode {@code all}
 *       {@code POST /projects/:id/pipeline?ref=REF} (a new pipeline for the same ref; its newest commit);
 *       cancel {@code POST …/cancel}. Docs: {@code doc/api/pipelines.md}.</li>
 * </ul>
 */
public final class GitLabProvider implements Provider {

    static final String API_VERSION = "apiVersion";

    private static final Capabilities JOB_CAPS = new Capabilities(EnumSet.of(RestartMode.JOB), RestartMode.JOB, true, false);
    private static final Capabilities PIPELINE_CAPS = new Capabilities(EnumSet.of(RestartMode.FAILED, RestartMode.ALL),
            RestartMode.FAILED, true, true);
    private static final Set<String> RETRYABLE_PIPELINE = Set.of("failed", "canceled", "cancelled");

    private final GitLabProviderType type;
    private final GitLabApi api;

    GitLabProvider(GitLabProviderType type, ConnectionSettings settings, ProviderContext context) {
        this.type = type;
        this.api = new GitLabApi(settings, context);
    }

    @Override
    public ProviderType type() {
        return type;
    }

    @Override
    public PollSource pollSource() {
        return PollSource.single(api.transport().budget().name(), this::status, api.transport().budget());
    }

    @Override
    public Capabilities capabilities(BuildRef ref) {
        return isPipeline(ref) ? PIPELINE_CAPS : JOB_CAPS;
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        check(ref);
        if (isPipeline(ref)) {
            return GitLabStatusMapping.map(api.pipeline(ref).status());
        }
        return GitLabStatusMapping.map(api.job(ref).status());
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws ProviderException {
        BuildRef ref = current.ref();
        check(ref);
        RestartMode chosen = capabilities(ref).choose(mode, "GitLab", ref.kind());
        if (!isPipeline(ref)) {
            HttpResponse r = api.send(api.post(api.url(ref, api.jobsSegment(), ref.id(), "retry")), "retry of " + what(ref));
            Job job = api.read(r, Job.class);
            String newId = GitLabApi.requireId(job.id(), r);
            String url = job.webUrl() != null ? job.webUrl()
                    : api.version() == 3 ? ref.server() + "/" + ref.project() + "/builds/" + newId // no /-/jobs/ pages before 11.x
                    : GitLabProviderType.webUrl(ref.server(), ref.project(), ref.kind(), newId);
            return current.next(ref.withId(newId, url));
        }
        Pipeline before = ProviderException.beforeChange(() -> api.pipeline(ref));
        if (chosen == RestartMode.FAILED) {
            String raw = before.status() == null ? "" : before.status().toLowerCase(Locale.ROOT);
            if (!RETRYABLE_PIPELINE.contains(raw)) {
                throw new ProviderException.NotRestartable(GitLabProviderType.ID, 0, "GitLab " + what(ref) + " is "
                        + before.status() + "; only a failed or canceled pipeline has jobs to retry"
                        + (raw.equals("success") ? " (use mode 'all' to run it again)" : ""));
            }
            api.send(api.post(api.url(ref, "pipelines", ref.id(), "retry")), "retry of " + what(ref));
            return current.next(ref);
        }
        String branch = before.ref();
        if (branch == null || branch.isBlank() || branch.startsWith("refs/merge-requests/")) {
            throw new ProviderException.NotRestartable(GitLabProviderType.ID, 0, "GitLab " + what(ref)
                    + " ran for " + (branch == null ? "no ref" : branch) + ", for which no new pipeline can be created through"
                    + " the API; use mode 'failed' to retry its failed jobs");
        }
        HttpUrl create = api.base(ref.server()).addPathSegment("projects").addPathSegment(ref.project()).addPathSegment("pipeline")
                .addQueryParameter("ref", branch).build();
        HttpResponse r = api.send(api.post(create), "new pipeline for " + branch + " of " + ref.project());
        Pipeline created = api.read(r, Pipeline.class);
        String newId = GitLabApi.requireId(created.id(), r);
        String url = created.webUrl() != null ? created.webUrl() : GitLabProviderType.webUrl(ref.server(), ref.project(), ref.kind(), newId);
        return current.next(ref.withId(newId, url));
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        check(ref);
        api.send(api.post(api.url(ref, isPipeline(ref) ? "pipelines" : api.jobsSegment(), ref.id(), "cancel")), "cancel of " + what(ref));
    }

    @Override
    public List<String> failedJobs(BuildRef ref) throws ProviderException {
        check(ref);
        if (!isPipeline(ref)) {
            Job job = api.job(ref);
            return "failed".equals(job.status()) && job.name() != null ? List.of(job.name()) : List.of();
        }
        if (api.version() == 3) {
            return List.of(); // v3 has no jobs-of-a-pipeline endpoint
        }
        HttpUrl u = api.url(ref, "pipelines", ref.id(), "jobs").newBuilder()
                .addQueryParameter("scope[]", "failed").addQueryParameter("per_page", "100").build();
        List<Job> jobs = api.readList(api.send(api.get(u), "failed jobs of " + what(ref)), Job.class);
        List<String> names = new ArrayList<>();
        for (Job j : jobs) {
            if (j.name() != null && !Boolean.TRUE.equals(j.allowFailure())) {
                names.add(j.name());
            }
        }
        return names;
    }

    @Override
    public BuildRef latest(String server, String project, String branch) throws ProviderException {
        return latestPipeline(type.fromCoordinates(server, project, GitLabProviderType.PIPELINE, "1").server(), project, branch);
    }

    /**
     * From the {@code failure_reason} of the job, or of every failed job of a pipeline that may not fail
     * ({@code allow_failure} false); see {@link GitLabFailureReasons}. API v3 reports no reasons.
     */
    @Override
    public FailureCause failureCause(BuildRef ref, BuildStatus status) throws ProviderException {
        check(ref);
        if (api.version() == 3) {
            return FailureCause.UNCLASSIFIED;
        }
        if (!isPipeline(ref)) {
            return GitLabFailureReasons.classify(api.job(ref).failureReason());
        }
        HttpUrl u = api.url(ref, "pipelines", ref.id(), "jobs").newBuilder()
                .addQueryParameter("scope[]", "failed").addQueryParameter("per_page", "100").build();
        List<String> reasons = new ArrayList<>();
        for (Job j : api.readList(api.send(api.get(u), "failed jobs of " + what(ref)), Job.class)) {
            if (!Boolean.TRUE.equals(j.allowFailure())) {
                reasons.add(j.failureReason());
            }
        }
        return GitLabFailureReasons.classifyAll(reasons);
    }

    /** The newest pipeline of a branch (or tag) of a project. */
    public BuildRef latestPipeline(String server, String project, String branch) throws ProviderException {
        if (branch == null || branch.isBlank()) {
            throw new IllegalArgumentException("GitLab latest pipeline needs a branch or tag name");
        }
        HttpUrl u = api.base(server).addPathSegment("projects").addPathSegment(project).addPathSegment("pipelines")
                .addQueryParameter("ref", branch).addQueryParameter("order_by", "id").addQueryParameter("sort", "desc")
                .addQueryParameter("per_page", "1").build();
        List<Pipeline> list = api.readList(api.send(api.get(u), "pipelines of " + branch + " in " + project), Pipeline.class);
        if (list.isEmpty() || list.get(0).id() == null) {
            throw new ProviderException.NotFound(GitLabProviderType.ID, 200, "GitLab project " + project
                    + " has no pipeline for '" + branch + "'");
        }
        return type.fromCoordinates(server, project, GitLabProviderType.PIPELINE, String.valueOf(list.get(0).id()));
    }

    /** One job of a commit: id, name and status as GitLab reports them. */
    public record CommitJob(String id, String name, BuildStatus status) {
    }

    /**
     * The jobs of a commit: v4 commit statuses ({@code GET /projects/:id/repository/commits/:sha/statuses}),
     * v3 commit builds ({@code GET /projects/:id/repository/commits/:sha/builds}).
     */
    public List<CommitJob> commitJobs(String server, String project, String sha) throws ProviderException {
        if (sha == null || !sha.matches("[0-9a-fA-F]{7,40}")) {
            throw new IllegalArgumentException("'" + sha + "' is not a commit SHA");
        }
        HttpUrl u = api.base(server).addPathSegment("projects").addPathSegment(project).addPathSegment("repository")
                .addPathSegment("commits").addPathSegment(sha).addPathSegment(api.version() == 3 ? "builds" : "statuses")
                .addQueryParameter("per_page", "100").build();
        HttpResponse r = api.send(api.get(u), "jobs of commit " + sha + " in " + project);
        List<CommitJob> out = new ArrayList<>();
        if (api.version() == 3) {
            for (Job j : api.readList(r, Job.class)) {
                out.add(new CommitJob(String.valueOf(j.id()), j.name(), GitLabStatusMapping.map(j.status())));
            }
        } else {
            for (CommitStatus s : api.readList(r, CommitStatus.class)) {
                out.add(new CommitJob(String.valueOf(s.id()), s.name(), GitLabStatusMapping.map(s.status())));
            }
        }
        return out;
    }

    /** Jobs (v3: builds) of a project in the given scopes, such as {@code failed}, newest first. */
    public List<CommitJob> projectJobs(String server, String project, List<String> scopes) throws ProviderException {
        HttpUrl.Builder u = api.base(server).addPathSegment("projects").addPathSegment(project).addPathSegment(api.jobsSegment());
        for (String scope : scopes) {
            u.addQueryParameter("scope[]", scope);
        }
        u.addQueryParameter("per_page", "100");
        List<CommitJob> out = new ArrayList<>();
        for (Job j : api.readList(api.send(api.get(u.build()), api.jobsSegment() + " of " + project), Job.class)) {
            out.add(new CommitJob(String.valueOf(j.id()), j.name(), GitLabStatusMapping.map(j.status())));
        }
        return out;
    }

    private static boolean isPipeline(BuildRef ref) {
        return GitLabProviderType.PIPELINE.equals(ref.kind());
    }

    private void check(BuildRef ref) {
        if (!GitLabProviderType.ID.equals(ref.provider())) {
            throw new IllegalArgumentException("not a GitLab build: " + ref.url());
        }
    }
}
