package io.jenkins.plugins.externalbuild.provider.jenkins;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ApiUrls;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Inputs;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Another Jenkins controller, self-hosted, so every ref carries its server (the root URL, context path included).
 *
 * <p>Refs have two kinds:
 * <ul>
 *   <li>{@code build}: {@code project} is the job's full name ({@code team/app/main}: folder and job names joined
 *       with {@code /}, which an item name cannot contain), {@code id} the build number.</li>
 *   <li>{@code queued}: a restart not yet seen as a build; see {@link PendingBuild}. Its status names the build it
 *       became ({@code BuildStatus.movedTo}) as soon as it is known.</li>
 * </ul>
 *
 * <p>URLs as copied from the browser: {@code http(s)://HOST[:PORT][/CONTEXT]/job/A[/job/B…]/NUMBER[/anything]},
 * views ({@code /view/V/}) anywhere before the number dropped; a trailing {@code /console}, {@code /consoleFull},
 * {@code /testReport/}, {@code /replay/}, {@code /api/json}… ignored. Names are URL-decoded once: a multibranch
 * branch {@code feature/x} is the item {@code feature%2Fx}, whose URL segment is {@code feature%252Fx} (a pasted
 * {@code feature%2Fx} means the same item). Dot segments, permalinks ({@code lastBuild}) and numbers that are not a
 * positive int are refused before anything is sent.
 */
public final class JenkinsProviderType implements ProviderType {

    public static final String ID = "jenkins";
    static final String BUILD = "build";
    static final String QUEUED = "queued";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Jenkins";
    }

    @Override
    public List<String> kinds() {
        return List.of(BUILD, QUEUED);
    }

    @Override
    public List<String> urlForms() {
        return List.of("a Jenkins build URL (http(s)://HOST[/CONTEXT]/job/FOLDER/job/JOB/NUMBER/)");
    }

    @Override
    public Optional<BuildRef> parseUrl(URI url) {
        if (url.getHost() == null || url.getScheme() == null) {
            return Optional.empty();
        }
        String rawPath = url.getRawPath() == null ? "" : url.getRawPath();
        String[] segments = rawPath.split("/", -1);
        int firstJob = -1;
        for (int i = 0; i < segments.length; i++) {
            if ("job".equals(segments[i])) {
                firstJob = i;
                break;
            }
        }
        if (firstJob < 0) {
            if (PendingBuild.isQueueUrl(rawPath)) {
                return Optional.of(PendingBuild.parse(server(url, rawPath.substring(0, rawPath.indexOf("/queue/item/"))),
                        url));
            }
            return Optional.empty();
        }
        Inputs.requireNoDotSegments(url, url.toString());
        StringBuilder prefix = new StringBuilder();
        for (int i = 1; i < firstJob; i++) {
            prefix.append('/').append(segments[i]);
        }
        String server = server(url, prefix.toString().replaceAll("(/view/[^/]+)+$", ""));
        List<String> names = new ArrayList<>();
        int i = firstJob;
        while (i < segments.length) {
            if ("job".equals(segments[i]) && i + 1 < segments.length && !segments[i + 1].isEmpty()) {
                names.add(name(segments[i + 1], url));
                i += 2;
            } else if ("view".equals(segments[i]) && i + 1 < segments.length && !segments[i + 1].isEmpty()) {
                i += 2; // a view inside a folder: not part of the job's name
            } else {
                break;
            }
        }
        if (names.isEmpty() || i >= segments.length || segments[i].isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' is a Jenkins job, not a build: add the build number, "
                    + "e.g. " + server + jobPath(names) + "42/");
        }
        String number = segments[i];
        if (!number.matches("-?[0-9]+")) {
            throw new IllegalArgumentException("'" + url + "' names build '" + number + "' of Jenkins job "
                    + String.join("/", names) + ": expected a build number (1, 2, …), not a permalink such as lastBuild");
        }
        number = buildNumber(number);
        return Optional.of(build(server, String.join("/", names), number));
    }

    /** One item name from its URL segment: decoded once; a name with a {@code /} after decoding stays encoded. */
    private static String name(String segment, URI url) {
        String decoded;
        try {
            decoded = new URI("x:/" + segment).getPath().substring(1);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' has a job name that is not a URL segment: " + segment);
        }
        if (decoded.isBlank() || ".".equals(decoded) || "..".equals(decoded)) {
            throw new IllegalArgumentException("'" + url + "' has an empty or dot job name");
        }
        // Jenkins item names never contain '/': a multibranch branch "a/b" is the item "a%2Fb" (URL "a%252Fb").
        return decoded.contains("/") ? segment : decoded;
    }

    @Override
    public BuildRef fromCoordinates(String server, String project, String kind, String id) {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("Jenkins needs its server (--server), the root URL, e.g. https://ci.example.com/jenkins");
        }
        URI uri = ApiUrls.webServer(server.trim(), server, "Jenkins", "https://ci.example.com");
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("The Jenkins server URL must not contain credentials (user:password@)");
        }
        String k = kind == null || kind.isBlank() ? BUILD : kind.trim().toLowerCase(Locale.ROOT);
        if (!BUILD.equals(k)) {
            throw new IllegalArgumentException("Jenkins has no build kind '" + kind + "': expected build");
        }
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("A Jenkins build needs its job's full name (--project), e.g. team/app/main");
        }
        Inputs.requireNoDotSegments(project, "Jenkins job");
        String job = project.trim().replaceAll("^/+|/+$", "");
        for (String name : job.split("/")) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("Jenkins job '" + project + "' has an empty name in it");
            }
        }
        String number = buildNumber(id);
        return build(server(uri, uri.getRawPath() == null ? "" : uri.getRawPath()), job, number);
    }

    /** A build number: Jenkins' are ints from 1 (digits only; a leading zero would name another URL). */
    static String buildNumber(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.matches("[1-9][0-9]{0,9}") || Long.parseLong(t) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Jenkins build number must be a whole number from 1 to " + Integer.MAX_VALUE
                    + ", got '" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "'");
        }
        return t;
    }

    static BuildRef build(String server, String job, String number) {
        return new BuildRef(ID, BUILD, server, job, number, server + jobPath(List.of(job.split("/"))) + number + "/");
    }

    /** {@code /job/A/job/B/} with each name encoded as Jenkins does ({@code %} becomes {@code %25}). */
    static String jobPath(List<String> names) {
        StringBuilder b = new StringBuilder("/");
        for (String n : names) {
            b.append("job/").append(okhttp3.HttpUrl.parse("http://h/").newBuilder().addPathSegment(n).build()
                    .encodedPathSegments().get(0)).append('/');
        }
        return b.toString();
    }

    /** {@code scheme://host[:port][/context]} without a trailing slash. */
    static String server(URI url, String rawPrefix) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        String p = rawPrefix.replaceAll("/+$", "");
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port) + p;
    }

    @Override
    public Provider connect(ConnectionSettings settings, ProviderContext context) {
        return new JenkinsProvider(this, settings, context);
    }
}
