package io.jenkins.plugins.externalbuild.provider.codeship;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
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
 * Codeship (CloudBees CodeShip; end of life 2026-01-31), Basic and Pro projects, API v2 and the Basic API v1.
 *
 * <p>Refs: kind {@code build}; server {@code https://app.codeship.com}; project {@code ORG_UUID/PROJECT_UUID}
 * (API v2; a bare {@code PROJECT_UUID} is resolved against the user's organizations) or the numeric project id
 * (API v1); id the build UUID (v2) or numeric build id (v1).
 *
 * <p>URLs accepted:
 * <ul>
 *   <li>{@code https://app.codeship.com/projects/PROJECT/builds/BUILD} (also on {@code codeship.com} and
 *       {@code www.codeship.com}), PROJECT and BUILD each numeric or a UUID, anything after BUILD ignored. The
 *       numeric form is what the web app shows ({@code /projects/297007} on status badges); numeric ids work
 *       with API v1 only, since API v2 names projects and builds by UUID.</li>
 *   <li>the v2 API URL of a build, {@code https://api.codeship.com/v2/organizations/ORG/projects/PROJECT/builds/BUILD}
 *       (as in a build's {@code links}).</li>
 * </ul>
 */
public final class CodeshipProviderType implements ProviderType {

    public static final String ID = "codeship";
    static final String BUILD = "build";
    static final String DEFAULT_SERVER = "https://app.codeship.com";

    /** UUIDs as Codeship writes them; tolerant of the irregular groups seen in its doc examples. */
    static final String UUID = "[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{2,12}){3,4}";
    private static final Pattern UUID_PATTERN = Pattern.compile(UUID);
    private static final Pattern NUMBER = Pattern.compile("[1-9]\\d{0,17}");
    private static final Set<String> WEB_HOSTS = Set.of("app.codeship.com", "codeship.com", "www.codeship.com");
    private static final Pattern WEB_PATH = Pattern.compile(
            "^/projects/(?<project>\\d+|" + UUID + ")/builds/(?<build>\\d+|" + UUID + ")"
            + "(?:/(?:steps|services|pipelines))?/?$");
    private static final Pattern API_PATH = Pattern.compile("^/v2/organizations/(?<org>" + UUID + ")/projects/(?<project>"
            + UUID + ")/builds/(?<build>" + UUID + ")(?:/(?:pipelines|services|steps))?/?$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Codeship";
    }

    @Override
    public List<String> kinds() {
        return List.of(BUILD);
    }

    @Override
    public List<String> urlForms() {
        return List.of("a Codeship build URL (https://app.codeship.com/projects/PROJECT/builds/BUILD)");
    }

    @Override
    public Optional<BuildRef> parseUrl(URI url) {
        if (url.getHost() == null || url.getPath() == null) {
            return Optional.empty();
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        String path = url.getPath();
        if (host.equals("api.codeship.com")) {
            Matcher api = API_PATH.matcher(path);
            if (!api.matches()) {
                throw new IllegalArgumentException("'" + url + "' is a Codeship API URL but names no build: expected "
                        + "https://api.codeship.com/v2/organizations/ORG/projects/PROJECT/builds/BUILD");
            }
            return Optional.of(ref(DEFAULT_SERVER, api.group("org") + "/" + api.group("project"), api.group("build")));
        }
        if (!WEB_HOSTS.contains(host)) {
            return Optional.empty();
        }
        Matcher web = WEB_PATH.matcher(path);
        if (!web.matches()) {
            throw new IllegalArgumentException("'" + url + "' is a Codeship URL but names no build: expected "
                    + DEFAULT_SERVER + "/projects/PROJECT/builds/BUILD");
        }
        return Optional.of(ref(DEFAULT_SERVER, web.group("project"), web.group("build")));
    }

    @Override
    public BuildRef fromCoordinates(String server, String project, String kind, String id) {
        String base = server == null || server.isBlank() ? DEFAULT_SERVER : server.trim().replaceAll("/+$", "");
        URI uri = URI.create(base);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("Codeship server '" + server + "' is not a URL like " + DEFAULT_SERVER);
        }
        String k = kind == null || kind.isBlank() ? BUILD : kind.trim().toLowerCase(Locale.ROOT);
        if (!BUILD.equals(k)) {
            throw new IllegalArgumentException("Codeship has no build kind '" + kind + "': expected build");
        }
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("Codeship needs a project: ORG_UUID/PROJECT_UUID for API v2, "
                    + "or the numeric project id for API v1");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Codeship needs a build: its UUID (API v2) or numeric id (API v1)");
        }
        return ref(base, project.trim(), id.trim());
    }

    private static BuildRef ref(String server, String project, String id) {
        String[] parts = project.split("/", -1);
        boolean v2 = parts.length == 2 && isUuid(parts[0]) && isUuid(parts[1]) || parts.length == 1 && isUuid(project);
        boolean v1 = parts.length == 1 && isNumber(project);
        if (!v2 && !v1) {
            throw new IllegalArgumentException("'" + project + "' is not a Codeship project: expected ORG_UUID/PROJECT_UUID "
                    + "(API v2) or a numeric project id (API v1)");
        }
        if (!isUuid(id) && !isNumber(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a Codeship build: expected its UUID (API v2) "
                    + "or numeric id (API v1)");
        }
        return new BuildRef(ID, BUILD, server, project.toLowerCase(Locale.ROOT), id.toLowerCase(Locale.ROOT),
                webUrl(server, project, id));
    }

    /** The build's page; for v2 refs the project part is the project UUID (UNVERIFIED that the web app resolves UUIDs). */
    static String webUrl(String server, String project, String id) {
        String p = project.contains("/") ? project.substring(project.indexOf('/') + 1) : project;
        return server + "/projects/" + p.toLowerCase(Locale.ROOT) + "/builds/" + id.toLowerCase(Locale.ROOT);
    }

    static boolean isUuid(String s) {
        return s != null && UUID_PATTERN.matcher(s).matches();
    }

    static boolean isNumber(String s) {
        return s != null && NUMBER.matcher(s).matches();
    }

    /** Codeship answers nothing without credentials. */
    @Override
    public boolean anonymousReads() {
        return false;
    }

    @Override
    public Provider connect(ConnectionSettings settings, ProviderContext context) {
        return new CodeshipProvider(this, settings, context);
    }
}
