package io.jenkins.plugins.externalbuild.provider.gitlab;

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
 * GitLab (gitlab.com and self-hosted), jobs and pipelines.
 *
 * <p>Web URLs, as copied from the browser (nested groups allowed; after the id only a page GitLab shows there,
 * such as a job's {@code /raw} or {@code /artifacts/…}, or a pipeline's {@code /builds}, {@code /failures}):
 * <ul>
 *   <li>{@code https://HOST/GROUP[/SUBGROUP…]/PROJECT/-/jobs/ID} and {@code …/-/pipelines/ID} (GitLab ≥ 11.x);</li>
 *   <li>the older forms without {@code /-/}, and {@code …/builds/ID} (GitLab 8), on hosts whose name contains
 *       "gitlab" — elsewhere those paths are ambiguous; use {@code --provider gitlab}.</li>
 * </ul>
 * A GitLab installed under a relative URL root ({@code https://HOST/gitlab/…}) needs an explicit API base.
 */
public final class GitLabProviderType implements ProviderType {

    public static final String ID = "gitlab";
    static final String JOB = "job";
    static final String PIPELINE = "pipeline";
    static final String DEFAULT_SERVER = "https://gitlab.com";

    private static final Pattern DASH_FORM = Pattern.compile("^/(?<project>[^?#]+?)/-/(?<rest>.*)$");
    private static final Pattern BUILD_PATH = Pattern.compile("^(?<kind>jobs|pipelines|builds)/(?<id>\\d+)(?<tail>/.*)?$");
    private static final Pattern LEGACY_FORM = Pattern.compile(
            "^/(?<project>[^?#]+?)/(?<kind>jobs|pipelines|builds)/(?<id>\\d+)(?<tail>/.*)?$");
    /** Pages of a job or pipeline a browser shows under its URL (GitLab's config/routes/project.rb, member routes). */
    private static final Set<String> JOB_PAGES = Set.of("raw", "viewer", "trace", "terminal", "test_report_summary");
    private static final Set<String> JOB_TREES = Set.of("artifacts");
    private static final Set<String> PIPELINE_PAGES = Set.of("builds", "dag", "failures", "test_report", "security",
            "licenses", "codequality_report", "manual_variables");
    /** A pipeline's test suites: {@code …/-/pipelines/ID/tests/SUITE} (config/routes/pipelines.rb). */
    private static final Set<String> PIPELINE_TREES = Set.of("tests");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "GitLab";
    }

    @Override
    public List<String> kinds() {
        return List.of(JOB, PIPELINE);
    }

    @Override
    public List<String> urlForms() {
        return List.of("a GitLab job or pipeline URL (https://HOST/GROUP/PROJECT/-/jobs/ID, https://HOST/GROUP/PROJECT/-/pipelines/ID)");
    }

    @Override
    public Optional<BuildRef> parseUrl(URI url) {
        if (url.getHost() == null || url.getRawPath() == null) {
            return Optional.empty();
        }
        String path = url.getPath();
        String server = server(url);
        Matcher dash = DASH_FORM.matcher(path);
        if (dash.matches()) {
            Matcher build = BUILD_PATH.matcher(dash.group("rest"));
            if (!build.matches()) {
                if (looksLikeGitLab(url)) {
                    throw new IllegalArgumentException("'" + url + "' is a GitLab URL but names no job or pipeline: expected "
                            + server + "/" + dash.group("project") + "/-/jobs/ID or …/-/pipelines/ID");
                }
                return Optional.empty();
            }
            return Optional.of(ref(url, server, dash.group("project"), build));
        }
        if (looksLikeGitLab(url)) {
            Matcher legacy = LEGACY_FORM.matcher(path);
            if (legacy.matches()) {
                return Optional.of(ref(url, server, legacy.group("project"), legacy));
            }
            throw new IllegalArgumentException("'" + url + "' is a GitLab URL but names no job or pipeline: expected "
                    + server + "/GROUP/PROJECT/-/jobs/ID or " + server + "/GROUP/PROJECT/-/pipelines/ID");
        }
        return Optional.empty();
    }

    private static boolean looksLikeGitLab(URI url) {
        return url.getHost().toLowerCase(Locale.ROOT).contains("gitlab");
    }

    /** The ref of a matched URL: a positive 64-bit id, and after it only a page GitLab shows there. */
    private BuildRef ref(URI url, String server, String project, Matcher m) {
        String kind = "pipelines".equals(m.group("kind")) ? PIPELINE : JOB;
        String id = String.valueOf(Inputs.positiveId(m.group("id"), "GitLab " + kind + " id"));
        boolean pipeline = PIPELINE.equals(kind);
        Inputs.requireTail(m.group("tail"), pipeline ? PIPELINE_PAGES : JOB_PAGES, pipeline ? PIPELINE_TREES : JOB_TREES,
                url.toString(), pipeline ? "…/-/pipelines/ID, optionally /builds, /failures, /test_report or /dag"
                        : "…/-/jobs/ID, optionally /raw, /viewer or /artifacts/…");
        if (!project.contains("/")) {
            throw new IllegalArgumentException("'" + project + "' is not a GitLab project path: expected GROUP/PROJECT");
        }
        return new BuildRef(ID, kind, server, project, id, webUrl(server, project, kind, id));
    }

    @Override
    public BuildRef fromCoordinates(String server, String project, String kind, String id) {
        String base = server == null || server.isBlank() ? DEFAULT_SERVER : stripSlash(server.trim());
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("GitLab server '" + server + "' is not a URL like https://gitlab.example.com");
        }
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("GitLab needs a project: its path (GROUP/PROJECT) or numeric id");
        }
        String k = kind == null || kind.isBlank() ? JOB : kind.trim().toLowerCase(Locale.ROOT);
        if (!kinds().contains(k)) {
            throw new IllegalArgumentException("GitLab has no build kind '" + kind + "': expected job or pipeline");
        }
        String i = String.valueOf(Inputs.positiveId(id, "GitLab " + k + " id"));
        String p = project.trim().replaceAll("^/+|/+$", "");
        return new BuildRef(ID, k, base, p, i, webUrl(base, p, k, i));
    }

    static String webUrl(String server, String project, String kind, String id) {
        return server + "/" + project + "/-/" + (PIPELINE.equals(kind) ? "pipelines" : "jobs") + "/" + id;
    }

    private static String server(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public Provider connect(ConnectionSettings settings, ProviderContext context) {
        return new GitLabProvider(this, settings, context);
    }
}
