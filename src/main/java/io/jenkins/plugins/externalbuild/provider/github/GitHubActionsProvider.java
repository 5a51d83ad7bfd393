package io.jenkins.plugins.externalbuild.provider.github;

import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.RateBudget;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.Capabilities;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.github.GitHubActionsDtos.Job;
import io.jenkins.plugins.externalbuild.provider.github.GitHubActionsDtos.Jobs;
import io.jenkins.plugins.externalbuild.provider.github.GitHubActionsDtos.WorkflowRun;
import io.jenkins.plugins.externalbuild.provider.github.GitHubActionsDtos.WorkflowRuns;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import okhttp3.HttpUrl;

/**
 * GitHub Actions over the REST API (github.com and GitHub Enterprise Server). Docs: docs.github.com REST
 * "Workflow runs" and "Workflow jobs"; the operations as in github/rest-api-description.
 *
 * <ul>
 *   <li>Run: status {@code GET /repos/{owner}/{repo}/actions/runs/{run_id}} (latest attempt) or
 *       {@code …/runs/{run_id}/attempts/{n}} (a pinned attempt); restart mode {@code failed} (default)
 *       {@code POST …/runs/{run_id}/rerun-failed-jobs}, mode {@code all} {@code POST …/runs/{run_id}/rerun}, both 201
 *       with an empty body: the run keeps its id and gains a {@code run_attempt}, which we read back after the POST;
 *       cancel {@code POST …/runs/{run_id}/cancel} (202; 409 once the run has ended).</li>
 *   <li>Job: status {@code GET /repos/{owner}/{repo}/actions/jobs/{job_id}}; restart (mode {@code job})
 *       {@code POST …/actions/jobs/{job_id}/rerun} (201), which re-runs the job and its dependents in a new attempt of
 *       its run, where the job has a new id; cancel cancels its run (GitHub cannot cancel one job).</li>
 * </ul>
 * GitHub's re-run limits (30 days, 50 re-runs, completed runs only) are checked on the run before any POST.
 */
public final class GitHubActionsProvider implements Provider {

    private static final Logger LOGGER = Logger.getLogger(GitHubActionsProvider.class.getName());

    private static final Capabilities RUN_CAPS = new Capabilities(EnumSet.of(RestartMode.FAILED, RestartMode.ALL),
            RestartMode.FAILED, true, true);
    private static final Capabilities JOB_CAPS = new Capabilities(EnumSet.of(RestartMode.JOB), RestartMode.JOB, true, false);
    private static final Set<String> FAILED_CONCLUSIONS = Set.of("failure", "timed_out", "startup_failure");

    private final GitHubActionsProviderType type;
    private final GitHubActionsHttp api;

    GitHubActionsProvider(GitHubActionsProviderType type, ConnectionSettings settings, ProviderContext context) {
        this.type = type;
        ProviderCredentials credentials = settings.credentials();
        String token = ProviderCredentials.tokenOrNone(credentials, "GitHub authenticates with a token (fine-grained or "
                + "classic personal access token, or a GitHub App installation token), not a user name and password");
        this.api = new GitHubActionsHttp(context.transport(GitHubActionsProviderType.ID, "GitHub", settings,
                Double.POSITIVE_INFINITY), token, settings.apiBase());
    }

    /** GitHub announces its limits in x-ratelimit-* headers: every wait of the account paces itself with them. */
    @Override
    public PollSource pollSource() {
        RateBudget budget = api.transport().budget();
        return PollSource.single(budget.name(), this::status, budget);
    }

    @Override
    public ProviderType type() {
        return type;
    }

    @Override
    public Capabilities capabilities(BuildRef ref) {
        return isJob(ref) ? JOB_CAPS : RUN_CAPS;
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        check(ref);
        if (isJob(ref)) {
            Job job = job(ref);
            return GitHubActionsStatusMapping.map(job.status(), job.conclusion());
        }
        WorkflowRun run = read(run(ref.server(), ref.project(), ref.id(), GitHubActionsProviderType.pinnedAttempt(ref)));
        return GitHubActionsStatusMapping.map(run.status(), run.conclusion());
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws ProviderException {
        BuildRef ref = current.ref();
        check(ref);
        RestartMode chosen = capabilities(ref).choose(mode, "GitHub Actions", ref.kind());
        String server = ref.server();
        String project = ref.project();
        // Every read before the POST may fail and be tried again (ProviderException.beforeChange): nothing was sent.
        Job job = isJob(ref) ? ProviderException.beforeChange(() -> job(ref)) : null;
        String runId = job == null ? ref.id() : String.valueOf(job.runId());
        if (job != null && job.runId() == null) {
            throw new ProviderException.BadResponse(GitHubActionsProviderType.ID, 200, "GitHub answered for " + what(ref)
                    + " without the id of its run", null);
        }
        // The limits apply to the run as a whole, at its latest attempt, whichever attempt the ref names.
        HttpResponse before = ProviderException.beforeChange(() -> run(server, project, runId, 0));
        WorkflowRun run = ProviderException.beforeChange(() -> read(before));
        String runWhat = "run " + runId + " of " + project + (job == null ? "" : " (job " + ref.id() + ")");
        RerunLimits.check(run, runWhat, chosen, GitHubActionsHttp.serverTime(before));
        int previous = run.runAttempt() == null ? 1 : run.runAttempt();
        HttpUrl post = switch (chosen) {
            case ALL -> api.repo(server, project).addPathSegments("actions/runs").addPathSegment(runId).addPathSegment("rerun").build();
            case FAILED -> api.repo(server, project).addPathSegments("actions/runs").addPathSegment(runId)
                    .addPathSegment("rerun-failed-jobs").build();
            case JOB -> api.repo(server, project).addPathSegments("actions/jobs").addPathSegment(ref.id()).addPathSegment("rerun").build();
            case REPLAY -> throw new IllegalStateException("refused by capabilities: " + chosen);
        };
        api.send(api.post(post), "re-run (mode " + chosen.id() + ") of " + runWhat);
        int attempt = attemptAfterRerun(server, project, runId, previous);
        if (job == null) {
            return new Attempt(GitHubActionsProviderType.runRef(server, project, runId, attempt), attempt);
        }
        Job again;
        try {
            again = jobInAttempt(server, project, runId, attempt, job.name());
        } catch (ProviderException e) {
            again = null; // accepted already: follow the run rather than fail
        }
        if (again == null || again.id() == null) {
            LOGGER.fine(() -> "job '" + job.name() + "' not yet listed in attempt " + attempt + " of " + runId + "; following the run");
            return new Attempt(GitHubActionsProviderType.runRef(server, project, runId, attempt), attempt);
        }
        return new Attempt(GitHubActionsProviderType.jobRef(server, project, runId, String.valueOf(again.id())), attempt);
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        check(ref);
        String runId = GitHubActionsProviderType.runIdOf(ref);
        api.send(api.post(api.repo(ref.server(), ref.project()).addPathSegments("actions/runs").addPathSegment(runId)
                .addPathSegment("cancel").build()), "cancel of run " + runId + " of " + ref.project());
    }

    @Override
    public List<String> failedJobs(BuildRef ref) throws ProviderException {
        check(ref);
        if (isJob(ref)) {
            Job job = job(ref);
            return job.name() != null && FAILED_CONCLUSIONS.contains(String.valueOf(job.conclusion())) ? List.of(job.name()) : List.of();
        }
        int attempt = GitHubActionsProviderType.pinnedAttempt(ref);
        List<String> names = new ArrayList<>();
        for (Job j : jobs(ref.server(), ref.project(), ref.id(), attempt)) {
            if (j.name() != null && FAILED_CONCLUSIONS.contains(String.valueOf(j.conclusion()))) {
                names.add(j.name());
            }
        }
        return names;
    }

    /** The newest run of a branch, of any workflow ({@code GET …/actions/runs?branch=B&per_page=1}). */
    @Override
    public BuildRef latest(String server, String project, String branch) throws ProviderException {
        if (branch == null || branch.isBlank()) {
            throw new IllegalArgumentException("GitHub latest run needs a branch name");
        }
        BuildRef any = type.fromCoordinates(server, project, GitHubActionsProviderType.RUN, "1");
        String base = any.server();
        String repo = any.project();
        HttpUrl u = api.repo(base, repo).addPathSegments("actions/runs").addQueryParameter("branch", branch.trim())
                .addQueryParameter("per_page", "1").build();
        HttpResponse r = api.send(api.get(u), "runs of " + branch + " in " + repo);
        WorkflowRuns runs = api.read(r, WorkflowRuns.class);
        if (runs.workflowRuns() == null || runs.workflowRuns().isEmpty() || runs.workflowRuns().get(0).id() == null) {
            throw new ProviderException.NotFound(GitHubActionsProviderType.ID, r.code(), "GitHub repository " + repo
                    + " has no workflow run for branch '" + branch.trim() + "'");
        }
        return GitHubActionsProviderType.runRef(base, repo, String.valueOf(runs.workflowRuns().get(0).id()), 0);
    }

    /**
     * The run's attempt after a re-run: read back; if GitHub does not show it yet, or the read fails (the re-run was
     * accepted: failing now would hide it), the next number.
     */
    private int attemptAfterRerun(String server, String project, String runId, int previous) {
        WorkflowRun after;
        try {
            after = read(run(server, project, runId, 0));
        } catch (ProviderException e) {
            LOGGER.fine(() -> "could not read run " + runId + " back after its re-run (" + e.getMessage() + "); counting "
                    + (previous + 1));
            return previous + 1;
        }
        int seen = after.runAttempt() == null ? 0 : after.runAttempt();
        if (seen <= previous) {
            LOGGER.fine(() -> "run " + runId + " still shows attempt " + seen + " after the re-run; counting " + (previous + 1));
            return previous + 1;
        }
        return seen;
    }

    private Job jobInAttempt(String server, String project, String runId, int attempt, String name) throws ProviderException {
        if (name == null) {
            return null;
        }
        for (Job j : jobs(server, project, runId, attempt)) {
            if (name.equals(j.name())) {
                return j;
            }
        }
        return null;
    }

    private List<Job> jobs(String server, String project, String runId, int attempt) throws ProviderException {
        HttpUrl.Builder u = api.repo(server, project).addPathSegments("actions/runs").addPathSegment(runId);
        if (attempt > 0) {
            u.addPathSegment("attempts").addPathSegment(String.valueOf(attempt));
        }
        u.addPathSegment("jobs").addQueryParameter("per_page", "100");
        Jobs jobs = api.read(api.send(api.get(u.build()), "jobs of run " + runId + " of " + project), Jobs.class);
        return jobs.jobs() == null ? List.of() : jobs.jobs();
    }

    private HttpResponse run(String server, String project, String runId, int attempt) throws ProviderException {
        HttpUrl.Builder u = api.repo(server, project).addPathSegments("actions/runs").addPathSegment(runId);
        if (attempt > 0) {
            u.addPathSegment("attempts").addPathSegment(String.valueOf(attempt));
        }
        return api.send(api.get(u.build()), "run " + runId + (attempt > 0 ? " attempt " + attempt : "") + " of " + project);
    }

    private WorkflowRun read(HttpResponse r) throws ProviderException {
        WorkflowRun run = api.read(r, WorkflowRun.class);
        if (run.status() == null) {
            throw new ProviderException.BadResponse(GitHubActionsProviderType.ID, r.code(), "GitHub answered " + r.code()
                    + " for a workflow run without a status: " + api.transport().excerpt(r.body()), null);
        }
        return run;
    }

    private Job job(BuildRef ref) throws ProviderException {
        HttpUrl u = api.repo(ref.server(), ref.project()).addPathSegments("actions/jobs").addPathSegment(ref.id()).build();
        HttpResponse r = api.send(api.get(u), what(ref));
        Job job = api.read(r, Job.class);
        if (job.status() == null) {
            throw new ProviderException.BadResponse(GitHubActionsProviderType.ID, r.code(), "GitHub answered " + r.code()
                    + " for " + what(ref) + " without a status: " + api.transport().excerpt(r.body()), null);
        }
        return job;
    }

    private static boolean isJob(BuildRef ref) {
        return GitHubActionsProviderType.JOB.equals(ref.kind());
    }

    private static String what(BuildRef ref) {
        return ref.kind() + " " + ref.id() + " of " + ref.project();
    }

    private void check(BuildRef ref) {
        if (!GitHubActionsProviderType.ID.equals(ref.provider())) {
            throw new IllegalArgumentException("not a GitHub Actions build: " + ref.url());
        }
    }
}
