package io.jenkins.plugins.externalbuild.provider.github;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Inputs;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions on github.com and GitHub Enterprise Server: workflow runs and their jobs.
 *
 * <p>Web URLs, as copied from the browser (a query such as {@code ?pr=12} ignored; after the run id only the forms
 * below, or the run's {@code /workflow} and {@code /usage} pages; ids are positive 64-bit numbers, attempts from 1):
 * <ul>
 *   <li>{@code https://github.com/OWNER/REPO/actions/runs/RUN_ID}: a run, read at its latest attempt;</li>
 *   <li>{@code …/actions/runs/RUN_ID/attempts/N}: one attempt of a run, read as that attempt;</li>
 *   <li>{@code …/actions/runs/RUN_ID/job/JOB_ID}: one job.</li>
 * </ul>
 * On another host (GitHub Enterprise Server) the same paths are recognized; since any server could serve them,
 * such a host is taken for GitHub only with the {@code /actions/runs/} path. The API base is
 * {@code https://api.github.com} for github.com and {@code https://HOST/api/v3} otherwise.
 *
 * <p>In a ref, {@code server} is the web base, {@code project} is {@code OWNER/REPO}, {@code id} the run id (kind
 * {@code run}) or the job id (kind {@code job}), and {@code url} the canonical web URL, which for a run pinned to an
 * attempt ends in {@code /attempts/N} — that is how a restarted run is read per attempt.
 */
public final class GitHubActionsProviderType implements ProviderType {

    public static final String ID = "github";
    static final String RUN = "run";
    static final String JOB = "job";
    static final String DEFAULT_SERVER = "https://github.com";
    static final String DEFAULT_API = "https://api.github.com";

    private static final Pattern RUN_PATH = Pattern.compile(
            "^/(?<owner>[^/]+)/(?<repo>[^/]+)/actions/runs/(?<run>\\d+)(?<rest>/.*)?$");
    private static final Pattern ATTEMPT = Pattern.compile("^/attempts/(?<n>[^/]+)$");
    private static final Pattern JOB_PATH = Pattern.compile("^/job/(?<job>[^/]+)$");
    /** Other pages of a run a browser shows under its URL: its workflow file and its usage. */
    private static final Set<String> RUN_PAGES = Set.of("workflow", "usage");
    private static final Pattern RUN_IN_URL = Pattern.compile("/actions/runs/(\\d+)/");
    private static final Pattern ATTEMPT_IN_URL = Pattern.compile("/actions/runs/\\d+/attempts/(\\d+)$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "GitHub Actions";
    }

    @Override
    public List<String> kinds() {
        return List.of(RUN, JOB);
    }

    @Override
    public List<String> urlForms() {
        return List.of("a GitHub Actions run or job URL (https://github.com/OWNER/REPO/actions/runs/RUN_ID[/attempts/N], "
                + "…/actions/runs/RUN_ID/job/JOB_ID; GitHub Enterprise Server hosts alike)");
    }

    @Override
    public Optional<BuildRef> parseUrl(URI url) {
        if (url.getHost() == null || url.getPath() == null) {
            return Optional.empty();
        }
        String path = url.getPath().replaceAll("/+$", "");
        Matcher run = RUN_PATH.matcher(path);
        if (!run.matches()) {
            if (isGitHubCom(url)) {
                throw new IllegalArgumentException("'" + url + "' is a GitHub URL but names no workflow run: expected "
                        + DEFAULT_SERVER + "/OWNER/REPO/actions/runs/RUN_ID (open the run and copy its address)");
            }
            return Optional.empty();
        }
        String server = isGitHubCom(url) ? DEFAULT_SERVER : server(url);
        String project = run.group("owner") + "/" + run.group("repo");
        String runId = String.valueOf(Inputs.positiveId(run.group("run"), "GitHub Actions run id"));
        String rest = run.group("rest") == null ? "" : run.group("rest");
        Matcher job = JOB_PATH.matcher(rest);
        if (job.matches()) {
            return Optional.of(jobRef(server, project, runId,
                    String.valueOf(Inputs.positiveId(job.group("job"), "GitHub Actions job id"))));
        }
        Matcher attempt = ATTEMPT.matcher(rest);
        if (attempt.matches()) {
            return Optional.of(runRef(server, project, runId, attempt(attempt.group("n"))));
        }
        Inputs.requireTail(rest, RUN_PAGES, Set.of(), url.toString(),
                "…/actions/runs/RUN_ID, …/actions/runs/RUN_ID/attempts/N or …/actions/runs/RUN_ID/job/JOB_ID");
        return Optional.of(runRef(server, project, runId, 0));
    }

    /**
     * A ref from coordinates. A job's web page names its run, so a job's id is given as {@code RUN_ID/JOB_ID};
     * a run's id is {@code RUN_ID}, or {@code RUN_ID/attempts/N} for one attempt.
     */
    @Override
    public BuildRef fromCoordinates(String server, String project, String kind, String id) {
        String base = normalizeServer(server);
        String p = project == null ? "" : project.trim().replaceAll("^/+|/+$", "");
        if (!p.matches("[^/\\s]+/[^/\\s]+")) {
            throw new IllegalArgumentException("GitHub needs the repository as OWNER/REPO, got '" + project + "'");
        }
        String k = kind == null || kind.isBlank() ? RUN : kind.trim().toLowerCase(Locale.ROOT);
        String i = id == null ? "" : id.trim();
        if (RUN.equals(k)) {
            Matcher m = Pattern.compile("^(\\d+)(?:/attempts/(\\d+))?$").matcher(i);
            if (!m.matches()) {
                throw new IllegalArgumentException("GitHub run id must be a number (or RUN_ID/attempts/N), got '" + id + "'");
            }
            return runRef(base, p, String.valueOf(Inputs.positiveId(m.group(1), "GitHub Actions run id")),
                    m.group(2) == null ? 0 : attempt(m.group(2)));
        }
        if (JOB.equals(k)) {
            Matcher m = Pattern.compile("^(\\d+)/(\\d+)$").matcher(i);
            if (!m.matches()) {
                throw new IllegalArgumentException("GitHub job coordinates need the run too: --id RUN_ID/JOB_ID "
                        + "(as in …/actions/runs/RUN_ID/job/JOB_ID), got '" + id + "'");
            }
            return jobRef(base, p, String.valueOf(Inputs.positiveId(m.group(1), "GitHub Actions run id")),
                    String.valueOf(Inputs.positiveId(m.group(2), "GitHub Actions job id")));
        }
        throw new IllegalArgumentException("GitHub Actions has no build kind '" + kind + "': expected run or job");
    }

    /** An attempt number: 1 to 2^31 - 1 (GitHub counts attempts from 1). */
    private static int attempt(String text) {
        long n = Inputs.positiveId(text, "GitHub Actions attempt number");
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("GitHub Actions attempt number must be a whole number from 1 to "
                    + Integer.MAX_VALUE + ", got '" + text + "'");
        }
        return (int) n;
    }

    /** A run ref, pinned to {@code attempt} when it is positive. */
    static BuildRef runRef(String server, String project, String runId, int attempt) {
        String url = server + "/" + project + "/actions/runs/" + runId + (attempt > 0 ? "/attempts/" + attempt : "");
        return new BuildRef(ID, RUN, server, project, runId, url);
    }

    static BuildRef jobRef(String server, String project, String runId, String jobId) {
        return new BuildRef(ID, JOB, server, project, jobId, server + "/" + project + "/actions/runs/" + runId + "/job/" + jobId);
    }

    /** The run of a ref: its id for a run, the run named in the job's URL for a job. */
    static String runIdOf(BuildRef ref) {
        if (RUN.equals(ref.kind())) {
            return ref.id();
        }
        Matcher m = RUN_IN_URL.matcher(ref.url());
        if (!m.find()) {
            throw new IllegalArgumentException("GitHub job " + ref.id() + " has no run in its URL " + ref.url());
        }
        return m.group(1);
    }

    /** The attempt a run ref is pinned to, or 0 when it follows the latest attempt. */
    static int pinnedAttempt(BuildRef ref) {
        Matcher m = ATTEMPT_IN_URL.matcher(ref.url());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The API base for a web base: api.github.com for github.com, HOST/api/v3 for GitHub Enterprise Server. */
    static String apiBase(String server) {
        return DEFAULT_SERVER.equals(server) ? DEFAULT_API : server + "/api/v3";
    }

    private static String normalizeServer(String server) {
        if (server == null || server.isBlank()) {
            return DEFAULT_SERVER;
        }
        URI uri;
        try {
            uri = new URI(server.trim());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("GitHub server '" + server + "' is not a URL like https://github.example.com");
        }
        return isGitHubCom(uri) ? DEFAULT_SERVER : server(uri);
    }

    private static boolean isGitHubCom(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.equals("github.com") || host.equals("www.github.com");
    }

    private static String server(URI url) {
        int port = url.getPort();
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    }

    @Override
    public Provider connect(ConnectionSettings settings, ProviderContext context) {
        return new GitHubActionsProvider(this, settings, context);
    }
}
