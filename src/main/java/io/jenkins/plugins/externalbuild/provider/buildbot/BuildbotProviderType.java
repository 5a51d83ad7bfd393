package io.jenkins.plugins.externalbuild.provider.buildbot;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Buildbot (data API v2, checked against 3.7.0), self-hosted only, so every ref carries its server.
 *
 * <p>Refs have two kinds:
 * <ul>
 *   <li>{@code build}: one build. {@code project} is the builder (numeric id or name) and {@code id} the build's
 *       number within it — {@code /api/v2/builders/{project}/builds/{id}} — or {@code project} is {@code *}
 *       and {@code id} is the global build id — {@code /api/v2/builds/{id}}. Both address the same resource.</li>
 *   <li>{@code buildrequest}: a build request ({@code id} = buildrequestid; {@code project} = the builder id when
 *       known, else {@code *}, for display only). A rebuild answers with a new build request and no build: the build
 *       appears when a worker claims the request, and a request whose build ends with RETRY gets another build. So
 *       the attempt a restart returns is a {@code buildrequest}, and its status is that of its <em>newest</em> build,
 *       or the request's own while it has none (queued, or cancelled before it started).</li>
 * </ul>
 *
 * <p>URLs accepted (any path prefix before {@code #} or {@code /api/v2} is part of the server; the UI keeps its
 * path in the fragment):
 * {@code http(s)://HOST[:PORT][/PREFIX]/#/builders/{builderid}/builds/{number}},
 * {@code …/#/buildrequests/{id}}, and the API forms {@code …/api/v2/builds/{buildid}},
 * {@code …/api/v2/builders/{builderid|name}/builds/{number}}, {@code …/api/v2/buildrequests/{id}}.
 */
public final class BuildbotProviderType implements ProviderType {

    public static final String ID = "buildbot";
    static final String BUILD = "build";
    static final String BUILD_REQUEST = "buildrequest";
    /** The builder of a ref that names its build by the global build id. */
    static final String ANY_BUILDER = "*";

    /** What a data API URL of a build may go on with: its steps (and their logs), changes or properties. */
    private static final String API_TAIL = "(?:/(?:steps|changes|properties)(?:/.*)?)?/?$";
    private static final Pattern UI_BUILD = Pattern.compile("^/builders/(?<builder>\\d+)/builds/(?<number>\\d+)(?:/steps(?:/[^?]*)?)?/?(?:\\?.*)?$");
    private static final Pattern UI_REQUEST = Pattern.compile("^/buildrequests/(?<id>\\d+)/?(?:\\?.*)?$");
    private static final Pattern UI_NEAR_MISS = Pattern.compile("^/(?:builders|buildrequests)(?:[/?].*)?$");
    private static final Pattern API = Pattern.compile("^(?<prefix>.*?)/api/v2/(?<rest>.*)$");
    private static final Pattern API_BUILD = Pattern.compile("^builds/(?<id>\\d+)" + API_TAIL);
    private static final Pattern API_BUILDER_BUILD = Pattern.compile("^builders/(?<builder>[^/]+)/builds/(?<number>\\d+)" + API_TAIL);
    private static final Pattern API_REQUEST = Pattern.compile("^buildrequests/(?<id>\\d+)(?:/builds)?/?$");
    /** Buildbot's {@code identifier} type, which the {@code builders/i:buildername} endpoints take. */
    private static final Pattern BUILDER_NAME = Pattern.compile("^[A-Za-z_-][A-Za-z0-9._-]{0,49}$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Buildbot";
    }

    @Override
    public List<String> kinds() {
        return List.of(BUILD, BUILD_REQUEST);
    }

    @Override
    public List<String> urlForms() {
        return List.of("a Buildbot build or build request URL (http(s)://HOST[:PORT]/#/builders/BUILDERID/builds/NUMBER, "
                + "…/#/buildrequests/ID, …/api/v2/builds/ID)");
    }

    @Override
    public Optional<BuildRef> parseUrl(URI url) {
        if (url.getHost() == null || url.getScheme() == null) {
            return Optional.empty();
        }
        String path = url.getPath() == null ? "" : url.getPath();
        String fragment = url.getFragment();
        if (fragment != null && fragment.startsWith("/")) {
            String server = server(url, path);
            Matcher build = UI_BUILD.matcher(fragment);
            if (build.matches()) {
                return Optional.of(build(server, build.group("builder"), build.group("number")));
            }
            Matcher request = UI_REQUEST.matcher(fragment);
            if (request.matches()) {
                return Optional.of(request(server, ANY_BUILDER, request.group("id")));
            }
            if (UI_NEAR_MISS.matcher(fragment).matches()) {
                throw new IllegalArgumentException("'" + url + "' is a Buildbot URL but names no build: expected " + server
                        + "/#/builders/BUILDERID/builds/NUMBER or " + server + "/#/buildrequests/ID");
            }
            return Optional.empty();
        }
        Matcher api = API.matcher(path);
        if (!api.matches()) {
            return Optional.empty();
        }
        String server = server(url, api.group("prefix"));
        String rest = api.group("rest");
        Matcher m = API_BUILD.matcher(rest);
        if (m.matches()) {
            return Optional.of(build(server, ANY_BUILDER, m.group("id")));
        }
        m = API_BUILDER_BUILD.matcher(rest);
        if (m.matches()) {
            return Optional.of(build(server, m.group("builder"), m.group("number")));
        }
        m = API_REQUEST.matcher(rest);
        if (m.matches()) {
            return Optional.of(request(server, ANY_BUILDER, m.group("id")));
        }
        return Optional.empty();
    }

    @Override
    public BuildRef fromCoordinates(String server, String project, String kind, String id) {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("Buildbot needs its server (--server), e.g. http://buildbot.example.com:8010");
        }
        URI uri;
        try {
            uri = new URI(server.trim());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("Buildbot server '" + server + "' is not a URL like http://buildbot.example.com:8010");
        }
        String base = server(uri, uri.getPath() == null ? "" : uri.getPath());
        String k = kind == null || kind.isBlank() ? BUILD : kind.trim().toLowerCase(Locale.ROOT);
        if (!kinds().contains(k)) {
            throw new IllegalArgumentException("Buildbot has no build kind '" + kind + "': expected build or buildrequest");
        }
        if (id == null || !id.trim().matches("\\d+")) {
            throw new IllegalArgumentException("Buildbot " + k + " id must be a number, got '" + id + "'");
        }
        String p = project == null || project.isBlank() ? null : project.trim();
        if (BUILD_REQUEST.equals(k)) {
            return request(base, p == null ? ANY_BUILDER : p, id.trim());
        }
        if (p == null) {
            throw new IllegalArgumentException("A Buildbot build needs its builder (--project, name or id; with --id the "
                    + "build number) or --project '*' (with --id the global build id)");
        }
        return build(base, p, id.trim());
    }

    private static BuildRef build(String server, String builder, String id) {
        if (!ANY_BUILDER.equals(builder) && !builder.matches("\\d+") && !BUILDER_NAME.matcher(builder).matches()) {
            throw new IllegalArgumentException("'" + builder + "' is not a Buildbot builder the API can address by name "
                    + "(letters, digits, . _ -; up to 50): use its numeric builder id");
        }
        if (builder.matches("\\d+")) {
            builder = String.valueOf(Inputs.positiveId(builder, "Buildbot builder id"));
        }
        // A global build id counts from 1; a build number within its builder may be 0 (older masters).
        id = ANY_BUILDER.equals(builder) ? String.valueOf(Inputs.positiveId(id, "Buildbot build id"))
                : "0".equals(id) ? id : String.valueOf(Inputs.positiveId(id, "Buildbot build number"));
        return new BuildRef(ID, BUILD, server, builder, id, buildUrl(server, builder, id));
    }

    static BuildRef request(String server, String builder, String id) {
        id = String.valueOf(Inputs.positiveId(id, "Buildbot build request id"));
        return new BuildRef(ID, BUILD_REQUEST, server, builder, id, server + "/#/buildrequests/" + id);
    }

    /** The UI's URL when the builder is numeric (the UI addresses builders by id only), else the API's. */
    static String buildUrl(String server, String builder, String id) {
        if (ANY_BUILDER.equals(builder)) {
            return server + "/api/v2/builds/" + id;
        }
        if (builder.matches("\\d+")) {
            return server + "/#/builders/" + builder + "/builds/" + id;
        }
        return server + "/api/v2/builders/" + builder + "/builds/" + id;
    }

    /** {@code scheme://host[:port][/prefix]}, without a trailing slash or an {@code index.html}. */
    private static String server(URI url, String prefix) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        String p = prefix.replaceAll("/index\\.html$", "").replaceAll("/+$", "");
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port) + p;
    }

    @Override
    public Provider connect(ConnectionSettings settings, ProviderContext context) {
        return new BuildbotProvider(this, settings, context);
    }
}
