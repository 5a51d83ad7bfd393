package io.jenkins.plugins.externalbuild.provider.gitlab;

import io.jenkins.plugins.externalbuild.provider.ApiUrls;
import com.fasterxml.jackson.databind.JavaType;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.FailureCause;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.Capabilities;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
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
import okhttp3.Request;
import okhttp3.RequestBody;

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
    private final ConnectionSettings settings;
    private final HttpTransport http;
    private final String token;
    private final int apiVersion;

    GitLabProvider(GitLabProviderType type, ConnectionSettings settings, ProviderContext context) {
        this.type = type;
        this.settings = settings;
        String v = settings.option(API_VERSION, "4").trim().replaceFirst("^[vV]", "");
        if (!v.equals("4") && !v.equals("3")) {
            throw new IllegalArgumentException("GitLab apiVersion must be 4 or 3, got '" + v + "'");
        }
        this.apiVersion = Integer.parseInt(v);
        ProviderCredentials credentials = settings.credentials();
        this.token = ProviderCredentials.tokenOrNone(credentials,
                "GitLab authenticates with a personal, project or group access token "
                + "(scope api), not a user name and password");
        // GitLab announces its limits in RateLimit-* headers; no ceiling of our own.
        this.http = context.transport(GitLabProviderType.ID, "GitLab", settings, Double.POSITIVE_INFINITY);
    }

    @Override
    public ProviderType type() {
        return type;
    }

    @Override
    public PollSource pollSource() {
        return PollSource.single(http.budget().name(), this::status, http.budget());
    }

    @Override
    public Capabilities capabilities(BuildRef ref) {
        return isPipeline(ref) ? PIPELINE_CAPS : JOB_CAPS;
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        check(ref);
        if (isPipeline(ref)) {
            return GitLabStatusMapping.map(pipeline(ref).status());
        }
        return GitLabStatusMapping.map(job(ref).status());
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws ProviderException {
        BuildRef ref = current.ref();
        check(ref);
        RestartMode chosen = capabilities(ref).choose(mode, "GitLab", ref.kind());
        if (!isPipeline(ref)) {
            HttpResponse r = send(post(url(ref, jobsSegment(), ref.id(), "retry")), "retry of " + what(ref));
            Job job = Json.read(Json.SNAKE, r, Job.class, http);
            String newId = requireId(job.id(), r);
            String url = job.webUrl() != null ? job.webUrl()
                    : apiVersion == 3 ? ref.server() + "/" + ref.project() + "/builds/" + newId // no /-/jobs/ pages before 11.x
                    : GitLabProviderType.webUrl(ref.server(), ref.project(), ref.kind(), newId);
            return current.next(ref.withId(newId, url));
        }
        Pipeline before = ProviderException.beforeChange(() -> pipeline(ref));
        if (chosen == RestartMode.FAILED) {
            String raw = before.status() == null ? "" : before.status().toLowerCase(Locale.ROOT);
            if (!RETRYABLE_PIPELINE.contains(raw)) {
                throw new ProviderException.NotRestartable(GitLabProviderType.ID, 0, "GitLab " + what(ref) + " is "
                        + before.status() + "; only a failed or canceled pipeline has jobs to retry"
                        + (raw.equals("success") ? " (use mode 'all' to run it again)" : ""));
            }
            send(post(url(ref, "pipelines", ref.id(), "retry")), "retry of " + what(ref));
            return current.next(ref);
        }
        String branch = before.ref();
        if (branch == null || branch.isBlank() || branch.startsWith("refs/merge-requests/")) {
            throw new ProviderException.NotRestartable(GitLabProviderType.ID, 0, "GitLab " + what(ref)
                    + " ran for " + (branch == null ? "no ref" : branch) + ", for which no new pipeline can be created through"
                    + " the API; use mode 'failed' to retry its failed jobs");
        }
        HttpUrl create = base(ref.server()).addPathSegment("projects").addPathSegment(ref.project()).addPathSegment("pipeline")
                .addQueryParameter("ref", branch).build();
        HttpResponse r = send(post(create), "new pipeline for " + branch + " of " + ref.project());
        Pipeline created = Json.read(Json.SNAKE, r, Pipeline.class, http);
        String newId = requireId(created.id(), r);
        String url = created.webUrl() != null ? created.webUrl() : GitLabProviderType.webUrl(ref.server(), ref.project(), ref.kind(), newId);
        return current.next(ref.withId(newId, url));
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        check(ref);
        send(post(url(ref, isPipeline(ref) ? "pipelines" : jobsSegment(), ref.id(), "cancel")), "cancel of " + what(ref));
    }

    @Override
    public List<String> failedJobs(BuildRef ref) throws ProviderException {
        check(ref);
        if (!isPipeline(ref)) {
            Job job = job(ref);
            return "failed".equals(job.status()) && job.name() != null ? List.of(job.name()) : List.of();
        }
        if (apiVersion == 3) {
            return List.of(); // v3 has no jobs-of-a-pipeline endpoint
        }
        HttpUrl u = url(ref, "pipelines", ref.id(), "jobs").newBuilder()
                .addQueryParameter("scope[]", "failed").addQueryParameter("per_page", "100").build();
        List<Job> jobs = readList(send(get(u), "failed jobs of " + what(ref)), Job.class);
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
        if (apiVersion == 3) {
            return FailureCause.UNCLASSIFIED;
        }
        if (!isPipeline(ref)) {
            return GitLabFailureReasons.classify(job(ref).failureReason());
        }
        HttpUrl u = url(ref, "pipelines", ref.id(), "jobs").newBuilder()
                .addQueryParameter("scope[]", "failed").addQueryParameter("per_page", "100").build();
        List<String> reasons = new ArrayList<>();
        for (Job j : readList(send(get(u), "failed jobs of " + what(ref)), Job.class)) {
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
        HttpUrl u = base(server).addPathSegment("projects").addPathSegment(project).addPathSegment("pipelines")
                .addQueryParameter("ref", branch).addQueryParameter("order_by", "id").addQueryParameter("sort", "desc")
                .addQueryParameter("per_page", "1").build();
        List<Pipeline> list = readList(send(get(u), "pipelines of " + branch + " in " + project), Pipeline.class);
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
        HttpUrl u = base(server).addPathSegment("projects").addPathSegment(project).addPathSegment("repository")
                .addPathSegment("commits").addPathSegment(sha).addPathSegment(apiVersion == 3 ? "builds" : "statuses")
                .addQueryParameter("per_page", "100").build();
        HttpResponse r = send(get(u), "jobs of commit " + sha + " in " + project);
        List<CommitJob> out = new ArrayList<>();
        if (apiVersion == 3) {
            for (Job j : readList(r, Job.class)) {
                out.add(new CommitJob(String.valueOf(j.id()), j.name(), GitLabStatusMapping.map(j.status())));
            }
        } else {
            for (CommitStatus s : readList(r, CommitStatus.class)) {
                out.add(new CommitJob(String.valueOf(s.id()), s.name(), GitLabStatusMapping.map(s.status())));
            }
        }
        return out;
    }

    /** Jobs (v3: builds) of a project in the given scopes, such as {@code failed}, newest first. */
    public List<CommitJob> projectJobs(String server, String project, List<String> scopes) throws ProviderException {
        HttpUrl.Builder u = base(server).addPathSegment("projects").addPathSegment(project).addPathSegment(jobsSegment());
        for (String scope : scopes) {
            u.addQueryParameter("scope[]", scope);
        }
        u.addQueryParameter("per_page", "100");
        List<CommitJob> out = new ArrayList<>();
        for (Job j : readList(send(get(u.build()), jobsSegment() + " of " + project), Job.class)) {
            out.add(new CommitJob(String.valueOf(j.id()), j.name(), GitLabStatusMapping.map(j.status())));
        }
        return out;
    }

    private Job job(BuildRef ref) throws ProviderException {
        HttpResponse r = send(get(url(ref, jobsSegment(), ref.id(), null)), what(ref));
        Job job = Json.read(Json.SNAKE, r, Job.class, http);
        if (job.status() == null) {
            throw new ProviderException.BadResponse(GitLabProviderType.ID, r.code(), "GitLab answered for " + what(ref)
                    + " without a status: " + http.excerpt(r.body()), null);
        }
        return job;
    }

    private Pipeline pipeline(BuildRef ref) throws ProviderException {
        HttpResponse r = send(get(url(ref, "pipelines", ref.id(), null)), what(ref));
        Pipeline p = Json.read(Json.SNAKE, r, Pipeline.class, http);
        if (p.status() == null) {
            throw new ProviderException.BadResponse(GitLabProviderType.ID, r.code(), "GitLab answered for " + what(ref)
                    + " without a status: " + http.excerpt(r.body()), null);
        }
        return p;
    }

    private <T> List<T> readList(HttpResponse r, Class<T> element) throws ProviderException {
        JavaType listType = Json.SNAKE.getTypeFactory().constructCollectionType(List.class, element);
        try {
            List<T> list = Json.SNAKE.readValue(r.body(), listType);
            return list == null ? List.of() : list;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ProviderException.BadResponse(GitLabProviderType.ID, r.code(), "GitLab answered " + r.code()
                    + " with a body that is not a JSON list: " + http.excerpt(r.body()), null);
        }
    }

    private HttpResponse send(Request request, String what) throws ProviderException {
        HttpResponse r = http.execute(request);
        if (r.successful()) {
            return r;
        }
        ProviderException e = http.classify(r, what);
        String detail = http.excerpt(r.body()).toLowerCase(Locale.ROOT);
        if ("POST".equals(request.method()) && (r.code() == 403 && detail.contains("not retryable")
                || r.code() == 400 || r.code() == 409 || r.code() == 422)) {
            return rethrow(new ProviderException.NotRestartable(GitLabProviderType.ID, r.code(), e.getMessage()));
        }
        if (r.code() == 410) {
            return rethrow(new ProviderException.NotFound(GitLabProviderType.ID, 410, e.getMessage()
                    + " This GitLab no longer serves API v" + apiVersion + ": use apiVersion 4 (--api-version 4)."));
        }
        if (r.code() == 401) {
            return rethrow(new ProviderException.AuthError(GitLabProviderType.ID, 401, e.getMessage()
                    + " GitLab needs a token with the 'api' scope (read_api suffices for status)."));
        }
        throw e;
    }

    private static HttpResponse rethrow(ProviderException e) throws ProviderException {
        throw e;
    }

    private static String requireId(Long id, HttpResponse r) throws ProviderException {
        if (id == null) {
            throw new ProviderException.BadResponse(GitLabProviderType.ID, r.code(), "GitLab answered " + r.code()
                    + " without the id of the new build", null);
        }
        return String.valueOf(id);
    }

    private Request get(HttpUrl url) {
        return auth(new Request.Builder().url(url).get()).header("Accept", "application/json").build();
    }

    private Request post(HttpUrl url) {
        return auth(new Request.Builder().url(url).post(RequestBody.create(new byte[0])))
                .header("Accept", "application/json").build();
    }

    private Request.Builder auth(Request.Builder b) {
        return token == null ? b : b.header("PRIVATE-TOKEN", token);
    }

    private HttpUrl url(BuildRef ref, String collection, String id, String action) {
        HttpUrl.Builder b = base(ref.server()).addPathSegment("projects").addPathSegment(ref.project()).addPathSegment(collection)
                .addPathSegment(id);
        if (action != null) {
            b.addPathSegment(action);
        }
        return b.build();
    }

    /** The API base: the configured override, else SERVER/api/v4 (or v3) of the build's server. */
    private HttpUrl.Builder base(String server) {
        String text = settings.apiBase() != null ? settings.apiBase().toString() : server + "/api/v" + apiVersion;
        return ApiUrls.base(text, "GitLab").newBuilder();
    }

    private String jobsSegment() {
        return apiVersion == 3 ? "builds" : "jobs";
    }

    private static boolean isPipeline(BuildRef ref) {
        return GitLabProviderType.PIPELINE.equals(ref.kind());
    }

    private static String what(BuildRef ref) {
        return ref.kind() + " " + ref.id() + " of " + ref.project();
    }

    private void check(BuildRef ref) {
        if (!GitLabProviderType.ID.equals(ref.provider())) {
            throw new IllegalArgumentException("not a GitLab build: " + ref.url());
        }
    }
}
