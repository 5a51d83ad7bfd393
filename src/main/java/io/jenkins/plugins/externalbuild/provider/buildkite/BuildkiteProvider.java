package io.jenkins.plugins.externalbuild.provider.buildkite;

import io.jenkins.plugins.externalbuild.provider.ApiUrls;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.PollSource;
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
import io.jenkins.plugins.externalbuild.provider.buildkite.BuildkiteDtos.Build;
import io.jenkins.plugins.externalbuild.provider.buildkite.BuildkiteDtos.Job;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Buildkite REST API v2 ({@code https://api.buildkite.com/v2}), authenticated with an API access token as
 * {@code Authorization: Bearer} (scopes {@code read_builds}, and {@code write_builds} to restart or cancel).
 * Docs: buildkite/docs {@code pages/apis/rest_api/builds.md} and {@code jobs.md}.
 *
 * <ul>
 *   <li>Status: {@code GET /organizations/ORG/pipelines/PIPELINE/builds/NUMBER}, its {@code state}
 *       ({@link BuildkiteStatusMapping}) and {@code started_at}/{@code finished_at} as timing hints.</li>
 *   <li>Mode {@code all}: {@code PUT …/builds/NUMBER/rebuild} creates a <em>new</em> build (new number) from the same
 *       commit, branch and environment; the next attempt is that build.</li>
 *   <li>Mode {@code failed} (the default for a build): {@code PUT …/builds/NUMBER/retry_failed_jobs} with states
 *       {@code canceled,expired,failed,timed_out} (soft-failed jobs did not fail the build). One documented call,
 *       rather than one job retry per failed job; the build keeps its number, the next attempt is the same build.</li>
 *   <li>Mode {@code job} (the default when the URL names a job, {@code …/builds/NUMBER#JOB_UUID}):
 *       {@code PUT …/builds/NUMBER/jobs/JOB_UUID/retry}; the retry is a new job in the same build, whose link the next
 *       attempt carries. Without a job in the URL the mode is refused before anything is sent.</li>
 *   <li>Cancel: {@code PUT …/builds/NUMBER/cancel}; 422 (the build has finished) is reported as not cancelable.</li>
 *   <li>Latest of a branch: {@code GET …/pipeline/PIPELINE/builds?branch=B&per_page=1} (newest first).</li>
 * </ul>
 * Rate limits: every answer carries {@code RateLimit-Remaining}/{@code RateLimit-Reset} (organization, reset in
 * seconds from now), which the transport feeds to the account's budget; the tighter per-user
 * {@code RateLimit-User-*} pair is fed too when it is lower. See {@link BuildkiteErrors} for 429 and the rest.
 */
public final class BuildkiteProvider implements Provider {

    private static final MediaType JSON = MediaType.get("application/json");
    /** The failure kinds "Retry failed jobs for a build" accepts, minus soft_failed. */
    static final String RETRY_STATES = "canceled,expired,failed,timed_out";

    private final BuildkiteProviderType type;
    private final ConnectionSettings settings;
    private final HttpTransport http;
    private final BuildkiteErrors errors;
    private final String token;
    private final SameNumberRestarts sameNumber;

    BuildkiteProvider(BuildkiteProviderType type, ConnectionSettings settings, ProviderContext context) {
        this.type = type;
        this.settings = settings;
        ProviderCredentials credentials = settings.credentials();
        this.token = ProviderCredentials.tokenOrNone(credentials,
                "Buildkite authenticates with an API access token (scopes read_builds and "
                + "write_builds), not a user name and password");
        // Buildkite announces its limits in RateLimit-* headers on every answer: no ceiling of our own.
        this.http = context.transport(BuildkiteProviderType.ID, "Buildkite", settings, Double.POSITIVE_INFINITY);
        Clock clock = context.clock();
        this.errors = new BuildkiteErrors(http, clock);
        this.sameNumber = new SameNumberRestarts(clock);
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
        boolean job = BuildkiteProviderType.jobId(ref).isPresent();
        return job ? new Capabilities(EnumSet.of(RestartMode.JOB, RestartMode.FAILED, RestartMode.ALL), RestartMode.JOB, true, true)
                : new Capabilities(EnumSet.of(RestartMode.FAILED, RestartMode.ALL), RestartMode.FAILED, true, true);
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        check(ref);
        Build build = build(ref);
        BuildStatus status = sameNumber.adjust(key(ref), BuildkiteStatusMapping.map(build.state()), build.finishedAt());
        Long started = millis(build.startedAt());
        Long finished = millis(build.finishedAt());
        Long duration = started != null && finished != null && status.terminal() ? Math.max(0, finished - started) : null;
        return status.withTiming(started, duration);
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws ProviderException {
        BuildRef ref = current.ref();
        check(ref);
        if (mode == RestartMode.JOB && BuildkiteProviderType.jobId(ref).isEmpty()) {
            throw new IllegalArgumentException("Buildkite restart mode 'job' needs a job: give the job's URL, "
                    + ref.url() + "#JOB_UUID, as the build (its link in the build page); or use mode 'failed' or 'all'");
        }
        RestartMode chosen = capabilities(ref).choose(mode, "Buildkite", ref.kind());
        return switch (chosen) {
            case ALL -> rebuild(current);
            case FAILED -> retryFailedJobs(current);
            case JOB -> retryJob(current, BuildkiteProviderType.jobId(ref).orElseThrow());
            case REPLAY -> throw new IllegalStateException("refused by capabilities: " + chosen);
        };
    }

    private Attempt rebuild(Attempt current) throws ProviderException {
        BuildRef ref = current.ref();
        HttpResponse r = send(put(buildUrl(ref, "rebuild"), RequestBody.create(new byte[0])), "rebuild of " + what(ref), true);
        Build created = Json.read(Json.SNAKE, r, Build.class, http);
        if (created.number() == null) {
            throw new ProviderException.BadResponse(BuildkiteProviderType.ID, r.code(), "Buildkite answered " + r.code()
                    + " to the rebuild of " + what(ref) + " without the number of the new build", null);
        }
        String number = String.valueOf(created.number());
        return current.next(ref.withId(number, BuildkiteProviderType.webUrl(ref.project(), number, null)));
    }

    private Attempt retryFailedJobs(Attempt current) throws ProviderException {
        BuildRef ref = current.ref();
        Build before = ProviderException.beforeChange(() -> build(ref));
        if ("passed".equalsIgnoreCase(before.state())) {
            throw new ProviderException.NotRestartable(BuildkiteProviderType.ID, 0, "Buildkite " + what(ref)
                    + " passed; it has no failed jobs to retry (use mode 'all' to rebuild it)");
        }
        RequestBody body = RequestBody.create("{\"states\":\"" + RETRY_STATES + "\"}", JSON);
        HttpResponse r = send(put(buildUrl(ref, "retry_failed_jobs"), body), "retry of the failed jobs of " + what(ref), true);
        Build after = Json.read(Json.SNAKE, r, Build.class, http);
        if (after.retriedJobsCount() != null && after.retriedJobsCount() == 0) {
            throw new ProviderException.NotRestartable(BuildkiteProviderType.ID, r.code(), "Buildkite " + what(ref)
                    + " is " + before.state() + " but has no failed, timed out, expired or canceled job to retry "
                    + "(use mode 'all' to rebuild it)");
        }
        sameNumber.restarted(key(ref), before.finishedAt());
        String url = BuildkiteProviderType.webUrl(ref.project(), ref.id(), null);
        return current.next(ref.withId(ref.id(), url));
    }

    private Attempt retryJob(Attempt current, String jobId) throws ProviderException {
        BuildRef ref = current.ref();
        Build before = ProviderException.beforeChange(() -> build(ref));
        HttpResponse r = send(put(buildUrl(ref, "jobs", jobId, "retry"), RequestBody.create(new byte[0])),
                "retry of job " + jobId + " of " + what(ref), true);
        Job retried = Json.read(Json.SNAKE, r, Job.class, http);
        if (retried.id() == null || !retried.id().matches("[0-9a-fA-F-]{36}")) {
            throw new ProviderException.BadResponse(BuildkiteProviderType.ID, r.code(), "Buildkite answered " + r.code()
                    + " to the retry of job " + jobId + " of " + what(ref) + " without the id of the new job", null);
        }
        sameNumber.restarted(key(ref), before.finishedAt());
        return current.next(ref.withId(ref.id(), BuildkiteProviderType.webUrl(ref.project(), ref.id(), retried.id())));
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        check(ref);
        send(put(buildUrl(ref, "cancel"), RequestBody.create(new byte[0])), "cancel of " + what(ref), true);
    }

    /** Names of the jobs that failed, timed out or expired, leaving out soft failures. */
    @Override
    public List<String> failedJobs(BuildRef ref) throws ProviderException {
        check(ref);
        Set<String> failed = Set.of("failed", "timed_out", "expired", "broken");
        List<String> names = new ArrayList<>();
        List<Job> jobs = build(ref).jobs();
        for (Job j : jobs == null ? List.<Job>of() : jobs) {
            if (j.state() != null && failed.contains(j.state()) && !Boolean.TRUE.equals(j.softFailed())
                    && !Boolean.TRUE.equals(j.retried())) {
                names.add(j.name() == null ? j.id() : j.name());
            }
        }
        return names;
    }

    /** The newest build of a branch: builds are listed newest first (builds.md, "List builds for a pipeline"). */
    @Override
    public BuildRef latest(String server, String project, String branch) throws ProviderException {
        if (branch == null || branch.isBlank()) {
            throw new IllegalArgumentException("Buildkite latest build needs a branch name");
        }
        BuildRef any = type.fromCoordinates(server, project, BuildkiteProviderType.BUILD, "1");
        String[] slugs = any.project().split("/");
        HttpUrl u = base().addPathSegment("organizations").addPathSegment(slugs[0]).addPathSegment("pipelines")
                .addPathSegment(slugs[1]).addPathSegment("builds").addQueryParameter("branch", branch.trim())
                .addQueryParameter("per_page", "1").build();
        HttpResponse r = send(get(u), "builds of " + branch + " in " + any.project(), false);
        Build[] list = Json.read(Json.SNAKE, r, Build[].class, http);
        if (list.length == 0 || list[0].number() == null) {
            throw new ProviderException.NotFound(BuildkiteProviderType.ID, r.code(), "Buildkite pipeline " + any.project()
                    + " has no build of branch '" + branch + "'");
        }
        return type.fromCoordinates(server, any.project(), BuildkiteProviderType.BUILD, String.valueOf(list[0].number()));
    }

    private Build build(BuildRef ref) throws ProviderException {
        HttpResponse r = send(get(buildUrl(ref)), what(ref), false);
        Build b = Json.read(Json.SNAKE, r, Build.class, http);
        if (b.state() == null) {
            throw new ProviderException.BadResponse(BuildkiteProviderType.ID, r.code(), "Buildkite answered for " + what(ref)
                    + " without a state: " + http.excerpt(r.body()), null);
        }
        return b;
    }

    private HttpResponse send(Request request, String what, boolean change) throws ProviderException {
        HttpResponse r = http.execute(request);
        errors.observeUserLimit(r);
        if (r.successful()) {
            return r;
        }
        throw errors.classify(r, what, change);
    }

    private Request get(HttpUrl url) {
        return auth(new Request.Builder().url(url).get()).header("Accept", "application/json").build();
    }

    private Request put(HttpUrl url, RequestBody body) {
        return auth(new Request.Builder().url(url).put(body)).header("Accept", "application/json").build();
    }

    private Request.Builder auth(Request.Builder b) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpUrl buildUrl(BuildRef ref, String... more) {
        String[] slugs = ref.project().split("/", 2);
        HttpUrl.Builder b = base().addPathSegment("organizations").addPathSegment(slugs[0]).addPathSegment("pipelines")
                .addPathSegment(slugs[1]).addPathSegment("builds").addPathSegment(ref.id());
        for (String segment : more) {
            b.addPathSegment(segment);
        }
        return b.build();
    }

    /** The API base: the configured override, else https://api.buildkite.com/v2. */
    private HttpUrl.Builder base() {
        String text = settings.apiBase() != null ? settings.apiBase().toString() : BuildkiteProviderType.API;
        return ApiUrls.base(text, "Buildkite").newBuilder();
    }

    private static Long millis(String iso) {
        return ApiUrls.time(iso).map(java.time.Instant::toEpochMilli).orElse(null);
    }

    private static String key(BuildRef ref) {
        return ref.project() + "#" + ref.id();
    }

    private static String what(BuildRef ref) {
        return "build " + ref.id() + " of " + ref.project();
    }

    private void check(BuildRef ref) {
        if (!BuildkiteProviderType.ID.equals(ref.provider())) {
            throw new IllegalArgumentException("not a Buildkite build: " + ref.url());
        }
        if (!ref.project().contains("/")) {
            throw new IllegalArgumentException("Buildkite project must be ORG/PIPELINE, got '" + ref.project() + "'");
        }
    }
}
