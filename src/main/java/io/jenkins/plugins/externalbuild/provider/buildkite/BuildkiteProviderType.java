package io.jenkins.plugins.externalbuild.provider.buildkite;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Inputs;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Buildkite (buildkite.com; there is no self-hosted Buildkite web, only the API base can be overridden).
 *
 * <p>Web URLs, as copied from the browser: {@code https://buildkite.com/ORG/PIPELINE/builds/NUMBER}, after the number
 * only one of the build's views ({@code /steps/canvas}, {@code /summary}…), and optionally the fragment of a job, {@code …/builds/NUMBER#JOB_UUID}, which is what
 * Buildkite's job links look like (a job's {@code web_url} in builds.md and jobs.md). The ref is the build:
 * project {@code ORG/PIPELINE}, kind {@code build}, id the build number; a job fragment stays in the ref's URL, where
 * restart mode {@code job} reads it (so it survives a Jenkins restart with the wait state).
 */
public final class BuildkiteProviderType implements ProviderType {

    public static final String ID = "buildkite";
    static final String BUILD = "build";
    static final String WEB = "https://buildkite.com";
    static final String API = "https://api.buildkite.com/v2";

    private static final String SLUG = "[A-Za-z0-9][A-Za-z0-9._-]*";
    private static final Pattern BUILD_PATH = Pattern.compile(
            "^/(?<org>" + SLUG + ")/(?<pipeline>" + SLUG + ")/builds/(?<number>\\d+)(?<tail>/.*)?$");
    /** The views of a build a browser shows under its URL ({@code …/builds/12/steps/canvas}, {@code …/summary}). */
    private static final Set<String> BUILD_VIEWS = Set.of("steps", "summary", "annotations", "waterfall", "canvas",
            "table", "list");
    private static final Pattern PROJECT = Pattern.compile("^" + SLUG + "/" + SLUG + "$");
    private static final Pattern JOB_UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Buildkite";
    }

    @Override
    public List<String> kinds() {
        return List.of(BUILD);
    }

    @Override
    public List<String> urlForms() {
        return List.of("a Buildkite build URL (https://buildkite.com/ORG/PIPELINE/builds/NUMBER, optionally #JOB_ID)");
    }

    @Override
    public Optional<BuildRef> parseUrl(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (!host.equals("buildkite.com") && !host.equals("www.buildkite.com")) {
            return Optional.empty();
        }
        String path = url.getPath() == null ? "" : url.getPath();
        Matcher m = BUILD_PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + url + "' is a Buildkite URL but names no build: expected "
                    + WEB + "/ORG/PIPELINE/builds/NUMBER");
        }
        String number = String.valueOf(Inputs.positiveId(m.group("number"), "Buildkite build number"));
        Inputs.requireTail(m.group("tail"), Set.of(), BUILD_VIEWS, url.toString(),
                WEB + "/ORG/PIPELINE/builds/NUMBER, optionally a view such as /steps or /summary, or #JOB_ID");
        String fragment = url.getFragment();
        String job = fragment != null && JOB_UUID.matcher(fragment).matches() ? fragment.toLowerCase(Locale.ROOT) : null;
        String project = m.group("org") + "/" + m.group("pipeline");
        return Optional.of(new BuildRef(ID, BUILD, WEB, project, number, webUrl(project, number, job)));
    }

    @Override
    public BuildRef fromCoordinates(String server, String project, String kind, String id) {
        if (server != null && !server.isBlank() && !server.trim().replaceAll("/+$", "").equalsIgnoreCase(WEB)) {
            throw new IllegalArgumentException("Buildkite has one server, " + WEB + "; use --api-url to reach its API "
                    + "elsewhere, not --server '" + server + "'");
        }
        String p = project == null ? "" : project.trim().replaceAll("^/+|/+$", "");
        if (!PROJECT.matcher(p).matches()) {
            throw new IllegalArgumentException("Buildkite needs the project as ORG/PIPELINE (the two slugs of the build URL), "
                    + "got '" + project + "'");
        }
        if (kind != null && !kind.isBlank() && !BUILD.equals(kind.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Buildkite has no build kind '" + kind + "': expected build");
        }
        if (id == null || !id.trim().matches("\\d+")) {
            throw new IllegalArgumentException("Buildkite build id must be the build number, got '" + id + "'");
        }
        String number = String.valueOf(Inputs.positiveId(id, "Buildkite build number"));
        return new BuildRef(ID, BUILD, WEB, p, number, webUrl(p, number, null));
    }

    /** The job a ref names by its URL's fragment, if any. */
    static Optional<String> jobId(BuildRef ref) {
        int hash = ref.url().indexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        String fragment = ref.url().substring(hash + 1);
        return JOB_UUID.matcher(fragment).matches() ? Optional.of(fragment) : Optional.empty();
    }

    static String webUrl(String project, String number, String job) {
        return WEB + "/" + project + "/builds/" + number + (job == null ? "" : "#" + job);
    }

    /** Buildkite's REST API needs an API access token for every call, public pipelines included. */
    @Override
    public boolean anonymousReads() {
        return false;
    }

    @Override
    public Provider connect(ConnectionSettings settings, ProviderContext context) {
        return new BuildkiteProvider(this, settings, context);
    }
}
