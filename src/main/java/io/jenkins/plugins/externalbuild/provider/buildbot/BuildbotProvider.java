package io.jenkins.plugins.externalbuild.provider.buildbot;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.Capabilities;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.buildbot.BuildbotDtos.Build;
import io.jenkins.plugins.externalbuild.provider.buildbot.BuildbotDtos.BuildRequest;
import io.jenkins.plugins.externalbuild.provider.buildbot.BuildbotDtos.BuildRequests;
import io.jenkins.plugins.externalbuild.provider.buildbot.BuildbotDtos.Builds;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import okhttp3.HttpUrl;

/**
 * Buildbot's data API v2 (docs: {@code master/docs/developer/rest.rst} and {@code raml/} in the Buildbot sources;
 * every call below was verified against a 3.7.0 master):
 * <ul>
 *   <li>status: {@code GET /builds/{buildid}} or {@code /builders/{builder}/builds/{number}}; for a build request
 *       {@code GET /buildrequests/{id}/builds} (its newest build) and, while it has none, {@code GET /buildrequests/{id}};</li>
 *   <li>restart (mode {@code all}, the only one): JSON-RPC {@code rebuild} on {@code POST /builds/{buildid}}, answered
 *       with {@code [buildsetid, {"<builderid>": buildrequestid}]}; the next attempt is that build request;</li>
 *   <li>cancel: JSON-RPC {@code stop} with a reason on {@code POST /builds/{buildid}} for a running build;
 *       {@code cancel} on {@code POST /buildrequests/{id}} for a request that is queued (or retried).</li>
 * </ul>
 * {@code stop} answers 200 {@code null} even for builds that do not exist, so every control call reads its target
 * first. Credentials: none (Buildbot's default lets anyone control builds) or a user name and password (see
 * {@link BuildbotApi}).
 */
public final class BuildbotProvider implements Provider {

    private static final Logger LOGGER = Logger.getLogger(BuildbotProvider.class.getName());
    static final String STOP_REASON = "Cancelled through External Build (extbuild or Jenkins)";
    private static final Capabilities CAPS = new Capabilities(EnumSet.of(RestartMode.ALL), RestartMode.ALL, true, false);

    private final BuildbotProviderType type;
    private final BuildbotApi api;

    BuildbotProvider(BuildbotProviderType type, ConnectionSettings settings, ProviderContext context) {
        this.type = type;
        ProviderCredentials credentials = settings.credentials();
        if (!(credentials instanceof ProviderCredentials.None || credentials instanceof ProviderCredentials.UsernamePassword)) {
            throw new IllegalArgumentException("Buildbot logs in with a user name and password (BUILDBOT_USER and "
                    + "BUILDBOT_PASSWORD), or with none at all; it has no API tokens");
        }
        HttpUrl override = null;
        if (settings.apiBase() != null) {
            override = HttpUrl.parse(settings.apiBase().toString().replaceAll("/+$", ""));
            if (override == null) {
                throw new IllegalArgumentException("Buildbot API base '" + settings.apiBase() + "' is not an http(s) URL");
            }
        }
        this.api = new BuildbotApi(context.transport(BuildbotProviderType.ID, "Buildbot", credentials), credentials, override);
    }

    @Override
    public ProviderType type() {
        return type;
    }

    @Override
    public Capabilities capabilities(BuildRef ref) {
        check(ref);
        return CAPS;
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        check(ref);
        if (isRequest(ref)) {
            return requestStatus(ref.server(), ref.id());
        }
        Build build = build(ref);
        if (build.isComplete() && Integer.valueOf(BuildbotStatusMapping.RETRY).equals(build.results())
                && build.buildrequestid() != null) {
            return requestStatus(ref.server(), String.valueOf(build.buildrequestid())); // the request goes on
        }
        return BuildbotStatusMapping.of(build);
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws ProviderException {
        BuildRef ref = current.ref();
        check(ref);
        CAPS.choose(mode, "Buildbot", ref.kind());
        Build build = ProviderException.beforeChange(() -> isRequest(ref)
                ? newestBuild(ref.server(), ref.id()).orElseThrow(() -> new ProviderException.NotRestartable(
                        BuildbotProviderType.ID, 0, "Buildbot " + what(ref) + " has no build yet (it is queued): nothing"
                        + " to rebuild; wait for it or cancel it"))
                : build(ref));
        String target = "build " + build.buildid();
        JsonNode result = api.rpc(ref.server(), api.url(ref.server(), "builds", String.valueOf(build.buildid())), "rebuild",
                Map.of(), target);
        // [buildsetid, {"<builderid>": buildrequestid}]: one builder, since a rebuild repeats one build.
        JsonNode requests = result.path(1);
        Iterator<Map.Entry<String, JsonNode>> fields = requests.isObject() ? requests.fields() : null;
        if (fields == null || !fields.hasNext() || !fields.next().getValue().canConvertToLong()) {
            throw new ProviderException.BadResponse(BuildbotProviderType.ID, 200, "Buildbot answered the rebuild of "
                    + target + " without a build request id: " + api.transport().excerpt(result.toString()), null);
        }
        Map.Entry<String, JsonNode> entry = requests.fields().next();
        String builder = entry.getKey().matches("\\d+") ? entry.getKey() : BuildbotProviderType.ANY_BUILDER;
        BuildRef next = BuildbotProviderType.request(ref.server(), builder, String.valueOf(entry.getValue().asLong()));
        LOGGER.fine(() -> "rebuild of " + target + " queued as " + next.describe());
        return current.next(next);
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        check(ref);
        if (isRequest(ref)) {
            cancelRequest(ref.server(), ref.id());
            return;
        }
        Build build = build(ref);
        if (!build.isComplete()) {
            api.rpc(ref.server(), api.url(ref.server(), "builds", String.valueOf(build.buildid())), "stop",
                    Map.of("reason", STOP_REASON), "build " + build.buildid());
        } else if (Integer.valueOf(BuildbotStatusMapping.RETRY).equals(build.results()) && build.buildrequestid() != null) {
            cancelRequest(ref.server(), String.valueOf(build.buildrequestid()));
        } else {
            LOGGER.fine(() -> "Buildbot " + what(ref) + " has already ended; nothing to cancel");
        }
    }

    /** Cancels a request that is not complete: a queued one never gets a build, a claimed one has its build stopped. */
    private void cancelRequest(String server, String brid) throws ProviderException {
        BuildRequest request = request(server, brid);
        if (request.isComplete()) {
            LOGGER.fine(() -> "Buildbot build request " + brid + " has already ended; nothing to cancel");
            return;
        }
        api.rpc(server, api.url(server, "buildrequests", brid), "cancel", Map.of("reason", STOP_REASON),
                "build request " + brid);
    }

    /** The newest build speaks for the request unless it ended with RETRY; then (or with no build) the request does. */
    private BuildStatus requestStatus(String server, String brid) throws ProviderException {
        Optional<Build> newest = newestBuild(server, brid);
        if (newest.isPresent() && !isRetry(newest.get())) {
            return BuildbotStatusMapping.of(newest.get());
        }
        BuildRequest request = request(server, brid);
        if (!request.isComplete() && newest.isPresent()) {
            return BuildbotStatusMapping.map(BuildbotStatusMapping.resultName(BuildbotStatusMapping.RETRY));
        }
        return BuildbotStatusMapping.of(request);
    }

    private static boolean isRetry(Build b) {
        return b.isComplete() && Integer.valueOf(BuildbotStatusMapping.RETRY).equals(b.results());
    }

    private Optional<Build> newestBuild(String server, String brid) throws ProviderException {
        Builds builds = api.get(server, api.url(server, "buildrequests", brid, "builds"), Builds.class,
                "the builds of build request " + brid);
        return builds.builds().stream().filter(b -> b.buildid() != null).max(Comparator.comparing(Build::buildid));
    }

    private BuildRequest request(String server, String brid) throws ProviderException {
        BuildRequests list = api.get(server, api.url(server, "buildrequests", brid), BuildRequests.class, "build request " + brid);
        if (list.buildrequests().isEmpty()) {
            throw new ProviderException.NotFound(BuildbotProviderType.ID, 200, "Buildbot has no build request " + brid
                    + " at " + server);
        }
        return list.buildrequests().get(0);
    }

    private Build build(BuildRef ref) throws ProviderException {
        HttpUrl url = BuildbotProviderType.ANY_BUILDER.equals(ref.project())
                ? api.url(ref.server(), "builds", ref.id())
                : api.url(ref.server(), "builders", ref.project(), "builds", ref.id());
        Builds list = api.get(ref.server(), url, Builds.class, what(ref));
        if (list.builds().isEmpty() || list.builds().get(0).buildid() == null) {
            throw new ProviderException.NotFound(BuildbotProviderType.ID, 200, "Buildbot has no " + what(ref) + " at "
                    + ref.server());
        }
        return list.builds().get(0);
    }

    private static boolean isRequest(BuildRef ref) {
        return BuildbotProviderType.BUILD_REQUEST.equals(ref.kind());
    }

    private static String what(BuildRef ref) {
        if (isRequest(ref)) {
            return "build request " + ref.id();
        }
        return BuildbotProviderType.ANY_BUILDER.equals(ref.project()) ? "build " + ref.id()
                : "build number " + ref.id() + " of builder " + ref.project();
    }

    private void check(BuildRef ref) {
        if (!BuildbotProviderType.ID.equals(ref.provider())) {
            throw new IllegalArgumentException("not a Buildbot build: " + ref.url());
        }
    }
}
