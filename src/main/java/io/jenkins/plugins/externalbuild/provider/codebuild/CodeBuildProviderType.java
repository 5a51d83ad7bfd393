package io.jenkins.plugins.externalbuild.provider.codebuild;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS CodeBuild builds and batch builds.
 *
 * <p>A ref's {@code server} is the AWS <em>region</em> ({@code us-east-1}), {@code project} the CodeBuild project
 * name, {@code id} the build (or batch) id exactly as the API takes it, {@code PROJECT:UUID}, and {@code url} the
 * build's page in the AWS console. The account is not part of the ref: it is the credentials' account (or the
 * assumed role's). Kinds: {@code build} (default) and {@code batch}.
 *
 * <p>Accepted input (see the fixture README for sources):
 * <ul>
 *   <li>ARNs {@code arn:aws:codebuild:REGION:ACCOUNT:build/PROJECT:UUID} and {@code …:build-batch/PROJECT:UUID}
 *       (partitions {@code aws}, {@code aws-cn}, {@code aws-us-gov});</li>
 *   <li>console URLs {@code https://REGION.console.aws.amazon.com/codesuite/codebuild/[ACCOUNT/]projects/PROJECT/build/PROJECT%3AUUID[/log][?region=REGION]}
 *       and {@code …/batch/PROJECT%3AUUID} (the batch form is UNVERIFIED, by analogy), the region taken from the
 *       host or, on {@code console.aws.amazon.com}, from {@code region=};</li>
 *   <li>the old console's {@code https://console.aws.amazon.com/codebuild/home?region=REGION#/builds/PROJECT:UUID/view/new}.</li>
 * </ul>
 */
public final class CodeBuildProviderType implements ProviderType {

    public static final String ID = "codebuild";
    static final String BUILD = "build";
    static final String BATCH = "batch";

    static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d{1,2}");
    private static final Pattern ARN = Pattern.compile(
            "arn:(?<partition>aws(?:-cn|-us-gov)?):codebuild:(?<region>[^:]*):(?<account>\\d{12})?:(?<resource>[^/]+)/(?<rest>.+)");
    private static final Pattern CONSOLE_HOST = Pattern.compile(
            "(?:(?<region>[a-z0-9-]+)\\.)?console\\.(?:aws\\.amazon\\.com|amazonaws\\.cn|amazonaws-us-gov\\.com)");
    private static final Pattern CONSOLE_PATH = Pattern.compile(
            "/codesuite/codebuild/(?:\\d{12}/)?projects/(?<project>[^/]+)/(?<kind>build|batch)/(?<id>[^/]+)(?<tail>/.*)?");
    /** The tabs of a build's console page ({@code …/build/PROJECT%3AUUID/log?region=…}). */
    private static final java.util.Set<String> CONSOLE_TABS = java.util.Set.of("log", "phase", "phases", "reports", "env",
            "details", "artifacts");
    private static final Pattern OLD_CONSOLE_FRAGMENT = Pattern.compile("/?builds/(?<id>[^/]+)(?:/.*)?");
    private static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,254}");
    private static final Pattern ENDPOINT_HOST = Pattern.compile("codebuild(?:-fips)?\\.(?<region>[a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "AWS CodeBuild";
    }

    @Override
    public List<String> kinds() {
        return List.of(BUILD, BATCH);
    }

    @Override
    public List<String> urlForms() {
        return List.of("an AWS CodeBuild build ARN (arn:aws:codebuild:REGION:ACCOUNT:build/PROJECT:UUID, …:build-batch/PROJECT:UUID)"
                + " or its console URL (https://REGION.console.aws.amazon.com/codesuite/codebuild/projects/PROJECT/build/PROJECT%3AUUID)");
    }

    @Override
    public Optional<BuildRef> parseUrl(URI url) {
        if ("arn".equalsIgnoreCase(url.getScheme())) {
            return parseArn(url.toString().trim());
        }
        if (url.getHost() == null) {
            return Optional.empty();
        }
        Matcher host = CONSOLE_HOST.matcher(url.getHost().toLowerCase(Locale.ROOT));
        String path = url.getPath() == null ? "" : url.getPath();
        if (!host.matches() || !path.contains("/codebuild/")) {
            return Optional.empty();
        }
        String region = consoleRegion(url, host.group("region"));
        Matcher console = CONSOLE_PATH.matcher(path);
        if (console.matches()) {
            String kind = "batch".equals(console.group("kind")) ? BATCH : BUILD;
            io.jenkins.plugins.externalbuild.provider.Inputs.requireTail(console.group("tail"), CONSOLE_TABS, java.util.Set.of(),
                    url.toString(), "…/projects/PROJECT/build/PROJECT%3AUUID, optionally followed by a tab such as /log");
            return Optional.of(ref(region, console.group("project"), kind, console.group("id"), url));
        }
        Matcher old = OLD_CONSOLE_FRAGMENT.matcher(url.getFragment() == null ? "" : url.getFragment());
        if (path.startsWith("/codebuild/home") && old.matches()) {
            return Optional.of(ref(region, null, BUILD, old.group("id"), url));
        }
        throw new IllegalArgumentException("'" + url + "' is an AWS console URL but names no CodeBuild build: expected "
                + "https://REGION.console.aws.amazon.com/codesuite/codebuild/projects/PROJECT/build/PROJECT%3AUUID");
    }

    private Optional<BuildRef> parseArn(String text) {
        Matcher arn = ARN.matcher(text);
        if (!arn.matches()) {
            if (text.toLowerCase(Locale.ROOT).matches("arn:[^:]*:codebuild:.*")) {
                throw new IllegalArgumentException("'" + text + "' is not a CodeBuild build ARN: expected "
                        + "arn:aws:codebuild:REGION:ACCOUNT:build/PROJECT:UUID");
            }
            return Optional.empty();
        }
        String kind = switch (arn.group("resource")) {
            case "build" -> BUILD;
            case "build-batch" -> BATCH;
            default -> throw new IllegalArgumentException("'" + text + "' names a CodeBuild " + arn.group("resource")
                    + ", not a build: expected …:build/PROJECT:UUID or …:build-batch/PROJECT:UUID");
        };
        String region = arn.group("region");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("'" + text + "' has no AWS region (such as us-east-1) in its fourth field");
        }
        String id = arn.group("rest");
        if (!id.contains(":")) {
            throw new IllegalArgumentException("'" + text + "' does not end in PROJECT:UUID, the " + kind + " id");
        }
        return Optional.of(fromCoordinates(region, null, kind, id));
    }

    /** The region of a console URL: the host's, or its {@code region=} parameter; both must agree. */
    private static String consoleRegion(URI url, String hostRegion) {
        String param = queryParameter(url, "region");
        if (hostRegion != null && param != null && !hostRegion.equals(param)) {
            throw new IllegalArgumentException("'" + url + "' names two regions, " + hostRegion + " and " + param);
        }
        String region = hostRegion != null ? hostRegion : param;
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("'" + url + "' names no AWS region: expected https://REGION.console.aws.amazon.com/… "
                    + "or ?region=REGION");
        }
        return region;
    }

    private static String queryParameter(URI url, String name) {
        String query = url.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private BuildRef ref(String region, String project, String kind, String id, URI url) {
        try {
            return fromCoordinates(region, project, kind, id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a CodeBuild build URL: " + e.getMessage());
        }
    }

    /**
     * A ref from coordinates.
     *
     * @param server  the region ({@code us-east-1}), or the API endpoint {@code https://codebuild.REGION.amazonaws.com}
     * @param project the project name; may be null when {@code id} is {@code PROJECT:UUID}
     * @param kind    {@code build} (default) or {@code batch}
     * @param id      {@code PROJECT:UUID}, or the UUID alone with {@code project}
     */
    @Override
    public BuildRef fromCoordinates(String server, String project, String kind, String id) {
        String region = region(server);
        String k = kind == null || kind.isBlank() ? BUILD : kind.trim().toLowerCase(Locale.ROOT);
        if ("build-batch".equals(k)) {
            k = BATCH;
        }
        if (!kinds().contains(k)) {
            throw new IllegalArgumentException("AWS CodeBuild has no build kind '" + kind + "': expected build or batch");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("AWS CodeBuild needs the " + k + " id: PROJECT:UUID");
        }
        String given = id.trim();
        String p = project == null || project.isBlank() ? null : project.trim();
        int colon = given.indexOf(':');
        String uuid = colon < 0 ? given : given.substring(colon + 1);
        String idProject = colon < 0 ? null : given.substring(0, colon);
        if (idProject != null && p != null && !idProject.equals(p)) {
            throw new IllegalArgumentException("The " + k + " id '" + given + "' belongs to project " + idProject + ", not " + p);
        }
        p = p != null ? p : idProject;
        if (p == null) {
            throw new IllegalArgumentException("AWS CodeBuild needs the project of " + k + " " + given
                    + ": give the id as PROJECT:UUID, or the project");
        }
        if (!PROJECT_NAME.matcher(p).matches()) {
            throw new IllegalArgumentException("'" + p + "' is not a CodeBuild project name");
        }
        if (uuid.isEmpty() || !uuid.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("'" + given + "' is not a CodeBuild " + k + " id: expected PROJECT:UUID");
        }
        String full = p + ":" + uuid;
        return new BuildRef(ID, k, region, p, full, consoleUrl(region, p, k, full));
    }

    private static String region(String server) {
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("AWS CodeBuild needs the region (such as us-east-1) as the server");
        }
        String s = server.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("https://") || s.startsWith("http://")) {
            String host = URI.create(s).getHost();
            Matcher m = ENDPOINT_HOST.matcher(host == null ? "" : host);
            if (!m.matches()) {
                throw new IllegalArgumentException("AWS CodeBuild server '" + server + "' is neither a region (us-east-1) "
                        + "nor https://codebuild.REGION.amazonaws.com; for other endpoints give the region and an API URL");
            }
            s = m.group("region");
        }
        if (!REGION.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + server + "' is not an AWS region such as us-east-1");
        }
        return s;
    }

    /**
     * The build's page in the console: the form AWS's own Jenkins plugin links to ({@code …/build/ID/log?region=}),
     * and for batches the UNVERIFIED analogue. China and GovCloud use their own console hosts.
     */
    static String consoleUrl(String region, String project, String kind, String id) {
        String host = region.startsWith("cn-") ? region + ".console.amazonaws.cn"
                : region.startsWith("us-gov-") ? region + ".console.amazonaws-us-gov.com"
                : region + ".console.aws.amazon.com";
        String tail = BATCH.equals(kind) ? "/batch/" + id : "/build/" + id + "/log";
        return "https://" + host + "/codesuite/codebuild/projects/" + project + tail + "?region=" + region;
    }

    @Override
    public Provider connect(ConnectionSettings settings, ProviderContext context) {
        return new CodeBuildProvider(this, settings, context);
    }
}
