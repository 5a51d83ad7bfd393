package io.jenkins.plugins.externalbuild.provider.azure;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Inputs;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Azure DevOps (Azure Pipelines) builds: Azure DevOps Services and Azure DevOps Server.
 *
 * <p>Web URLs, as copied from the browser (other query parameters such as {@code view=logs} are ignored; {@code buildId}
 * must be given once, a positive number):
 * <ul>
 *   <li>{@code https://dev.azure.com/ORG/PROJECT/_build/results?buildId=ID}: server {@code https://dev.azure.com},
 *       project {@code ORG/PROJECT};</li>
 *   <li>{@code https://ORG.visualstudio.com/PROJECT/_build/results?buildId=ID} (the older host form): server
 *       {@code https://ORG.visualstudio.com}, project {@code PROJECT} (the organization is in the host);</li>
 *   <li>Azure DevOps Server: {@code https://HOST/COLLECTION/PROJECT/_build/results?buildId=ID}, also under a virtual
 *       directory ({@code https://HOST/tfs/DefaultCollection/PROJECT/…}): project {@code COLLECTION/PROJECT}, the
 *       collection being every path segment before the project.</li>
 * </ul>
 * The API base is always {@code SERVER/PROJECT/_apis}, as the web URL is {@code SERVER/PROJECT/_build/…}.
 */
public final class AzureDevOpsProviderType implements ProviderType {

    public static final String ID = "azure";
    static final String BUILD = "build";
    static final String DEFAULT_SERVER = "https://dev.azure.com";

    private static final String RESULTS = "/_build/results";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Azure DevOps";
    }

    @Override
    public List<String> kinds() {
        return List.of(BUILD);
    }

    @Override
    public List<String> urlForms() {
        return List.of("an Azure DevOps build URL (https://dev.azure.com/ORG/PROJECT/_build/results?buildId=ID, "
                + "https://ORG.visualstudio.com/PROJECT/_build/results?buildId=ID, "
                + "https://HOST/COLLECTION/PROJECT/_build/results?buildId=ID)");
    }

    @Override
    public Optional<BuildRef> parseUrl(URI url) {
        if (url.getHost() == null || url.getPath() == null) {
            return Optional.empty();
        }
        String path = url.getPath().replaceAll("/+$", "");
        int build = path.indexOf("/_build");
        if (build < 0) {
            if (isServices(url.getHost())) {
                throw new IllegalArgumentException("'" + url + "' is an Azure DevOps URL but names no build: expected "
                        + expectedForm(url));
            }
            return Optional.empty();
        }
        String id = buildId(url);
        if (!path.endsWith(RESULTS) || path.indexOf("/_build") != path.length() - RESULTS.length() || id == null) {
            throw new IllegalArgumentException("'" + url + "' is an Azure DevOps pipeline page but names no build run: "
                    + "expected " + expectedForm(url) + " (open the run and copy its URL)");
        }
        String server = server(url);
        String project = build <= 1 ? "" : path.substring(1, build);
        checkProject(server, project);
        return Optional.of(ref(server, project, id));
    }

    @Override
    public BuildRef fromCoordinates(String server, String project, String kind, String id) {
        String base = server == null || server.isBlank() ? DEFAULT_SERVER : server.trim().replaceAll("/+$", "");
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("Azure DevOps server '" + server + "' is not a URL like https://dev.azure.com");
        }
        if (kind != null && !kind.isBlank() && !BUILD.equals(kind.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Azure DevOps has no build kind '" + kind + "': expected build");
        }
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("Azure DevOps needs a project: ORG/PROJECT (or COLLECTION/PROJECT on a server)");
        }
        if (id == null || !id.trim().matches("\\d{1,10}")) {
            throw new IllegalArgumentException("Azure DevOps build id must be a number (the buildId of the URL), got '" + id + "'");
        }
        String i = String.valueOf(Inputs.positiveId(id, "Azure DevOps build id"));
        String p = project.trim().replaceAll("^/+|/+$", "");
        checkProject(base, p);
        return ref(base, p, i);
    }

    /** {@code SERVER/PROJECT/_build/results?buildId=ID}, each segment encoded. */
    static String webUrl(String server, String project, String id) {
        HttpUrl.Builder b = HttpUrl.get(server).newBuilder();
        for (String segment : project.split("/")) {
            b.addPathSegment(segment);
        }
        return b.addPathSegment("_build").addPathSegment("results").addQueryParameter("buildId", id).build().toString();
    }

    private static BuildRef ref(String server, String project, String id) {
        return new BuildRef(ID, BUILD, server, project, id, webUrl(server, project, id));
    }

    private static void checkProject(String server, String project) {
        List<String> segments = new ArrayList<>(Arrays.asList(project.split("/")));
        segments.removeIf(String::isBlank);
        boolean orgInHost = hostOf(server).endsWith(".visualstudio.com");
        int needed = orgInHost ? 1 : 2;
        if (segments.size() < needed || segments.stream().anyMatch(s -> s.startsWith("_"))) {
            throw new IllegalArgumentException("'" + project + "' is not an Azure DevOps project: expected "
                    + (orgInHost ? "PROJECT" : hostOf(server).equals("dev.azure.com") ? "ORG/PROJECT" : "COLLECTION/PROJECT")
                    + " for " + server);
        }
    }

    /** The one {@code buildId} of the query as a positive number; null when absent or not digits. */
    private static String buildId(URI url) {
        String value = Inputs.singleQueryParameter(url.getRawQuery(), "buildId", url.toString());
        return value == null || !value.trim().matches("\\d+") ? null
                : String.valueOf(Inputs.positiveId(value, "Azure DevOps build id"));
    }

    private static boolean isServices(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("dev.azure.com") || h.endsWith(".visualstudio.com");
    }

    private static String expectedForm(URI url) {
        String h = url.getHost().toLowerCase(Locale.ROOT);
        if (h.endsWith(".visualstudio.com")) {
            return "https://" + h + "/PROJECT/_build/results?buildId=ID";
        }
        return h.equals("dev.azure.com") ? "https://dev.azure.com/ORG/PROJECT/_build/results?buildId=ID"
                : server(url) + "/COLLECTION/PROJECT/_build/results?buildId=ID";
    }

    private static String hostOf(String server) {
        HttpUrl u = HttpUrl.parse(server);
        return u == null ? "" : u.host();
    }

    private static String server(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    }

    @Override
    public Provider connect(ConnectionSettings settings, ProviderContext context) {
        return new AzureDevOpsProvider(this, settings, context);
    }
}
