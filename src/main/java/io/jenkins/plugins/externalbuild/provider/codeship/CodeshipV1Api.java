package io.jenkins.plugins.externalbuild.provider.codeship;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.V1Build;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.V1Project;
import java.util.List;
import java.util.logging.Logger;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The Codeship Basic API v1 ({@code https://codeship.com/api/v1}, the account's API key as {@code api_key} query
 * parameter). Docs: codeship/documentation {@code _basic/getting-started/api.md} (deleted upstream; whether v1
 * still answers is UNVERIFIED). It has no build endpoint: a build's status is read from its project's list of
 * recent builds ({@code GET /projects/:id.json}); a restart is {@code POST /builds/:id/restart.json}, whose
 * answer's {@code id} is followed (same or new: UNVERIFIED); there is no stop.
 *
 * <p>The key is sent as the documented query parameter and, like codeship/scripts' {@code codeship_restart_build},
 * as a form body of the POST. It is registered with the redactor and the {@code api_key=} shape is masked anyway.
 */
final class CodeshipV1Api implements CodeshipApi {

    private static final Logger LOGGER = Logger.getLogger(CodeshipV1Api.class.getName());

    static final String DEFAULT_BASE = "https://codeship.com/api/v1";

    private final CodeshipHttp http;
    private final HttpUrl base;
    private final Token apiKey;
    private final RestartGrace grace;

    CodeshipV1Api(CodeshipHttp http, HttpUrl base, Token apiKey, RestartGrace grace) {
        this.http = http;
        this.base = base;
        this.apiKey = apiKey;
        this.grace = grace;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void check(BuildRef ref) {
        if (!CodeshipProviderType.isNumber(ref.project()) || !CodeshipProviderType.isNumber(ref.id())) {
            throw new IllegalArgumentException("The Codeship Basic API v1 names projects and builds by number, but "
                    + ref.describe() + " uses UUIDs: give the numeric ids, or use API v2 (a user name and password)");
        }
    }

    @Override
    public boolean canCancel() {
        return false;
    }

    @Override
    public boolean sameIdRestart(BuildRef ref) {
        return false;
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        V1Build b = build(ref);
        return grace.adjust(ref.id(), CodeshipStatusMapping.map(b.status()), b.startedAt(), b.finishedAt());
    }

    @Override
    public Attempt restart(Attempt current) throws ProviderException {
        BuildRef ref = current.ref();
        V1Build before = ProviderException.beforeChange(() -> build(ref));
        if (CodeshipStatusMapping.running(CodeshipStatusMapping.map(before.status()))) {
            throw new ProviderException.NotRestartable(CodeshipProviderType.ID, 0, "Codeship build " + ref.id()
                    + " of project " + ref.project() + " is still running (" + before.status()
                    + "); Codeship ignores restarts of running builds");
        }
        HttpUrl u = withKey(base.newBuilder().addPathSegment("builds").addPathSegment(ref.id())
                .addPathSegment("restart.json")).build();
        Request post = new Request.Builder().url(u).post(new FormBody.Builder().add("api_key", apiKey.reveal()).build())
                .header("Accept", "application/json").build();
        HttpResponse r = http.send(post, "restart of build " + ref.id() + " of project " + ref.project());
        String newId = restartedId(r).orElse(ref.id());
        if (newId.equals(ref.id())) {
            grace.restarted(ref.id(), before.startedAt(), before.finishedAt());
        }
        LOGGER.fine(() -> "restarted v1 build " + ref.id() + " as build " + newId);
        return current.next(ref.withId(newId, CodeshipProviderType.webUrl(ref.server(), ref.project(), newId)));
    }

    /** The id the restart answered with; a body without one (only {@code id} and {@code uuid} are documented) keeps the old id. */
    private java.util.Optional<String> restartedId(HttpResponse r) throws ProviderException {
        if (r.body() == null || r.body().isBlank()) {
            return java.util.Optional.empty();
        }
        V1Build b = http.read(r, V1Build.class);
        return java.util.Optional.ofNullable(b.id()).map(String::valueOf);
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        throw new ProviderException.NotRestartable(CodeshipProviderType.ID, 0, "The Codeship Basic API v1 cannot stop "
                + "a build; stop " + ref.describe() + " with API v2 (a user name and password) or in the web app");
    }

    @Override
    public BuildRef latestBuild(String server, String project, String branch) throws ProviderException {
        if (!CodeshipProviderType.isNumber(project)) {
            throw new IllegalArgumentException("The Codeship Basic API v1 needs the numeric project id, got '" + project + "'");
        }
        V1Project p = project(project, branch);
        for (V1Build b : builds(p)) {
            // The branch filter is applied by Codeship; checked again in case an old server ignores it.
            if (b.id() != null && (b.branch() == null || branch.equals(b.branch()))) {
                return new CodeshipProviderType().fromCoordinates(server, project, CodeshipProviderType.BUILD,
                        String.valueOf(b.id()));
            }
        }
        throw new ProviderException.NotFound(CodeshipProviderType.ID, 200, "Codeship project " + project
                + " has no build of branch '" + branch + "'");
    }

    private V1Build build(BuildRef ref) throws ProviderException {
        for (V1Build b : builds(project(ref.project(), null))) {
            if (b.id() != null && String.valueOf(b.id()).equals(ref.id())) {
                if (b.status() == null) {
                    throw new ProviderException.BadResponse(CodeshipProviderType.ID, 200, "Codeship listed build "
                            + ref.id() + " of project " + ref.project() + " without a status", null);
                }
                return b;
            }
        }
        throw new ProviderException.NotFound(CodeshipProviderType.ID, 200, "Codeship project " + ref.project()
                + " does not list build " + ref.id() + " (the Basic API v1 lists only recent builds)");
    }

    private V1Project project(String project, String branch) throws ProviderException {
        HttpUrl.Builder u = withKey(base.newBuilder().addPathSegment("projects").addPathSegment(project + ".json"));
        if (branch != null) {
            u.addQueryParameter("branch", branch);
        }
        Request get = new Request.Builder().url(u.build()).get().header("Accept", "application/json").build();
        return http.read(http.send(get, "project " + project), V1Project.class);
    }

    private static List<V1Build> builds(V1Project p) {
        return p.builds() == null ? List.of() : p.builds();
    }

    private HttpUrl.Builder withKey(HttpUrl.Builder b) {
        return b.addQueryParameter("api_key", apiKey.reveal());
    }
}
