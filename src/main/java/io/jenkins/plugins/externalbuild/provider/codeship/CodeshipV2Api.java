package io.jenkins.plugins.externalbuild.provider.codeship;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.Build;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.BuildEnvelope;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.BuildList;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.Organization;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.ProjectEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Codeship API v2 ({@code https://api.codeship.com/v2}, {@code Authorization: Bearer} with a {@link CodeshipSession}
 * token). Docs: docs.cloudbees.com/docs/cloudbees-codeship/latest/api-builds/ (get-build, list-builds,
 * restart-build) and …/api-projects/get-project; stop as in codeship-go {@code StopBuild}.
 *
 * <p>Restart ({@code POST …/builds/:uuid/restart}, 202 without a body) differs by project type, read from
 * {@code GET …/projects/:uuid} {@code type}: a Basic project adds a build run to the same build (same UUID, next
 * attempt; see {@link RestartGrace}); a Pro project creates a new build, found by listing the project's builds. The
 * list is read once before the restart and then up to {@link #LOOKUPS} times after it, pausing 2, 4, 6… s through the
 * context's pause (no thread of ours sleeps otherwise): the new build is the newest one not listed before, for the
 * same ref and commit, queued no earlier than the old one. Codeship ignores a restart of a running build yet still
 * answers 202, so a running build is refused before anything is posted.
 */
final class CodeshipV2Api implements CodeshipApi {

    private static final Logger LOGGER = Logger.getLogger(CodeshipV2Api.class.getName());

    static final String DEFAULT_BASE = "https://api.codeship.com/v2";
    static final int LOOKUPS = 5;
    static final Duration LOOKUP_PAUSE = Duration.ofSeconds(2);
    private static final int PER_PAGE = 50; // the documented maximum (api-overview/pagination)

    /** Organization and project UUIDs of a build. */
    private record Coordinates(String org, String project) {
        String path() {
            return org + "/" + project;
        }
    }

    private final CodeshipHttp http;
    private final HttpUrl base;
    private final CodeshipSession session;
    private final HttpTransport.Pause pause;
    private final RestartGrace grace;
    private final Map<String, String> orgOfProject = new ConcurrentHashMap<>();
    private final Map<String, String> projectType = new ConcurrentHashMap<>();

    CodeshipV2Api(CodeshipHttp http, HttpUrl base, CodeshipSession session, HttpTransport.Pause pause, RestartGrace grace) {
        this.http = http;
        this.base = base;
        this.session = session;
        this.pause = pause;
        this.grace = grace;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public void check(BuildRef ref) {
        if (!CodeshipProviderType.isUuid(ref.id()) || !isProject(ref.project())) {
            throw new IllegalArgumentException("Codeship API v2 names projects and builds by UUID, but " + ref.describe()
                    + " uses the numeric ids of the Basic API v1: give --project ORG_UUID/PROJECT_UUID and the build"
                    + " UUID, or use an API key (API v1)");
        }
    }

    private static boolean isProject(String project) {
        String[] parts = project.split("/", -1);
        return parts.length == 1 && CodeshipProviderType.isUuid(parts[0])
                || parts.length == 2 && CodeshipProviderType.isUuid(parts[0]) && CodeshipProviderType.isUuid(parts[1]);
    }

    @Override
    public boolean canCancel() {
        return true;
    }

    @Override
    public boolean sameIdRestart(BuildRef ref) {
        return "basic".equals(projectType.get(ref.project().substring(ref.project().indexOf('/') + 1)));
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        Build b = build(coordinates(ref.project()), ref.id());
        return grace.adjust(ref.id(), CodeshipStatusMapping.map(b.status()), b.queuedAt(), b.finishedAt());
    }

    @Override
    public Attempt restart(Attempt current) throws ProviderException {
        BuildRef ref = current.ref();
        Coordinates c = ProviderException.beforeChange(() -> coordinates(ref.project()));
        Build before = ProviderException.beforeChange(() -> build(c, ref.id()));
        BuildStatus status = CodeshipStatusMapping.map(before.status());
        if (CodeshipStatusMapping.running(status)) {
            throw new ProviderException.NotRestartable(CodeshipProviderType.ID, 0, "Codeship build " + ref.id()
                    + " of project " + c.project() + " is still running (" + before.status()
                    + "); Codeship ignores restarts of running builds");
        }
        boolean pro = ProviderException.beforeChange(() -> isPro(c, before));
        Set<String> listedBefore = pro ? ProviderException.beforeChange(() -> uuids(list(c))) : Set.of();
        http.send(post(buildUrl(c, ref.id(), "restart")), "restart of " + what(c, ref.id()));
        if (!pro) {
            grace.restarted(ref.id(), before.queuedAt(), before.finishedAt());
            LOGGER.fine(() -> "restarted Basic build " + ref.id() + ": a new build run of the same build");
            return current.next(ref);
        }
        Build created = findRestarted(c, before, listedBefore);
        LOGGER.fine(() -> "restarted Pro build " + ref.id() + " as new build " + created.uuid());
        return current.next(ref.withId(created.uuid(), CodeshipProviderType.webUrl(ref.server(), c.path(), created.uuid())));
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        Coordinates c = coordinates(ref.project());
        http.send(post(buildUrl(c, ref.id(), "stop")), "stop of " + what(c, ref.id()));
    }

    @Override
    public BuildRef latestBuild(String server, String project, String branch) throws ProviderException {
        if (!isProject(project)) {
            throw new IllegalArgumentException("Codeship API v2 needs the project as ORG_UUID/PROJECT_UUID, got '"
                    + project + "'");
        }
        Coordinates c = coordinates(project.toLowerCase(Locale.ROOT));
        // Like codeship/scripts' codeship_restart_build (v2): the first page only, first build of the branch.
        List<Build> matches = new ArrayList<>();
        for (Build b : list(c)) {
            if (branch.equals(b.branch()) || ("heads/" + branch).equals(b.ref())) {
                matches.add(b);
            }
        }
        matches.sort(Comparator.comparing((Build b) -> CodeshipApi.instant(b.queuedAt()).orElse(Instant.MIN)).reversed());
        if (matches.isEmpty() || matches.get(0).uuid() == null) {
            throw new ProviderException.NotFound(CodeshipProviderType.ID, 200, "Codeship project " + c.project()
                    + " has no build of branch '" + branch + "' among its " + PER_PAGE + " newest builds");
        }
        return new CodeshipProviderType().fromCoordinates(server, c.path(), CodeshipProviderType.BUILD, matches.get(0).uuid());
    }

    private Build findRestarted(Coordinates c, Build before, Set<String> listedBefore) throws ProviderException {
        Instant queuedBefore = CodeshipApi.instant(before.queuedAt()).orElse(Instant.MIN);
        for (int lookup = 0; lookup < LOOKUPS; lookup++) {
            if (lookup > 0) {
                pause(LOOKUP_PAUSE.multipliedBy(lookup));
            }
            List<Build> listed;
            try {
                listed = list(c);
            } catch (ProviderException e) {
                // The restart was accepted: a failed look counts as a miss, not as a failed restart.
                LOGGER.fine(() -> "look for the restarted build failed: " + e.getMessage());
                continue;
            }
            for (Build b : listed) {
                boolean fresh = b.uuid() != null && !b.uuid().equals(before.uuid()) && !listedBefore.contains(b.uuid());
                boolean same = Objects.equals(b.ref(), before.ref())
                        && (b.commitSha() == null || before.commitSha() == null || b.commitSha().equals(before.commitSha()));
                boolean later = !CodeshipApi.instant(b.queuedAt()).orElse(Instant.MAX).isBefore(queuedBefore);
                if (fresh && same && later) {
                    return b;
                }
            }
        }
        throw new ProviderException.NotFound(CodeshipProviderType.ID, 202, "Codeship accepted the restart of build "
                + before.uuid() + " of project " + c.project() + ", but no new build of " + before.ref() + " at "
                + CodeshipApi.shortSha(before.commitSha()) + " appeared in the project's build list after " + LOOKUPS
                + " looks; find it at " + CodeshipProviderType.DEFAULT_SERVER + "/projects/" + c.project());
    }

    private void pause(Duration d) throws ProviderException {
        try {
            pause.pause(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Transient(CodeshipProviderType.ID, 0, "Interrupted while looking for the "
                    + "restarted Codeship build", null);
        }
    }

    private boolean isPro(Coordinates c, Build before) throws ProviderException {
        String type = projectType.get(c.project());
        if (type == null) {
            HttpResponse r = read(projectUrl(c.org(), c.project()), "project " + c.project());
            ProjectEnvelope p = http.read(r, ProjectEnvelope.class);
            type = p.project() == null || p.project().type() == null ? null : p.project().type().toLowerCase(Locale.ROOT);
            if (type == null && before.links() != null) {
                type = before.links().steps() != null ? "pro" : before.links().pipelines() != null ? "basic" : null;
            }
            if (type == null) {
                LOGGER.fine(() -> "Codeship project " + c.project() + " has no type; treating it as Basic");
                type = "basic";
            }
            projectType.put(c.project(), type);
        }
        return "pro".equals(type);
    }

    private Build build(Coordinates c, String id) throws ProviderException {
        HttpResponse r = read(buildUrl(c, id, null), what(c, id));
        BuildEnvelope e = http.read(r, BuildEnvelope.class);
        if (e.build() == null || e.build().status() == null) {
            throw http.missing(r, "build.status", what(c, id));
        }
        return e.build();
    }

    private List<Build> list(Coordinates c) throws ProviderException {
        HttpUrl u = projectUrl(c.org(), c.project()).newBuilder().addPathSegment("builds")
                .addQueryParameter("per_page", String.valueOf(PER_PAGE)).build();
        BuildList list = http.read(read(u, "builds of project " + c.project()), BuildList.class);
        return list.builds() == null ? List.of() : list.builds();
    }

    private static Set<String> uuids(List<Build> builds) {
        Set<String> out = new HashSet<>();
        for (Build b : builds) {
            out.add(b.uuid());
        }
        return out;
    }

    /** The organization of a project: from the ref, else the user's only one, else the one that has it. */
    private Coordinates coordinates(String project) throws ProviderException {
        int slash = project.indexOf('/');
        if (slash > 0) {
            return new Coordinates(project.substring(0, slash), project.substring(slash + 1));
        }
        String known = orgOfProject.get(project);
        if (known != null) {
            return new Coordinates(known, project);
        }
        List<Organization> orgs = session.current().organizations();
        if (orgs.size() == 1) {
            orgOfProject.put(project, orgs.get(0).uuid());
            return new Coordinates(orgs.get(0).uuid(), project);
        }
        for (Organization o : orgs) {
            HttpResponse r = http.execute(get(projectUrl(o.uuid(), project)));
            if (r.successful()) {
                orgOfProject.put(project, o.uuid());
                return new Coordinates(o.uuid(), project);
            }
            if (r.code() != 403 && r.code() != 404) {
                throw http.classify(r, "project " + project + " in organization " + o.name());
            }
        }
        throw new ProviderException.NotFound(CodeshipProviderType.ID, 404, "Codeship project " + project
                + " is in none of the organizations of this user (" + orgs.stream().map(Organization::name)
                .collect(Collectors.joining(", ")) + "); give it as ORG_UUID/PROJECT_UUID");
    }

    private HttpUrl projectUrl(String org, String project) {
        return base.newBuilder().addPathSegment("organizations").addPathSegment(org).addPathSegment("projects")
                .addPathSegment(project).build();
    }

    private HttpUrl buildUrl(Coordinates c, String id, String action) {
        HttpUrl.Builder b = projectUrl(c.org(), c.project()).newBuilder().addPathSegment("builds").addPathSegment(id);
        if (action != null) {
            b.addPathSegment(action);
        }
        return b.build();
    }

    private Request get(HttpUrl url) throws ProviderException {
        return authorized(new Request.Builder().url(url).get());
    }

    /**
     * A read with the session's token. A 401 means the token stopped working before its {@code expires_at} (revoked,
     * or a shorter lifetime than announced): the connection logs in again once and repeats the read, which changes
     * nothing; a second 401 is the credentials' fault.
     */
    private HttpResponse read(HttpUrl url, String what) throws ProviderException {
        CodeshipSession.State used = session.current();
        HttpResponse r = http.execute(bearer(new Request.Builder().url(url).get(), used));
        if (r.code() == 401) {
            LOGGER.fine(() -> "Codeship refused the access token for " + what + "; logging in again");
            session.discard(used);
            r = http.execute(get(url));
        }
        if (!r.successful()) {
            throw http.classify(r, what);
        }
        return r;
    }

    private Request post(HttpUrl url) throws ProviderException {
        return authorized(new Request.Builder().url(url).post(RequestBody.create(new byte[0])));
    }

    private Request authorized(Request.Builder b) throws ProviderException {
        return bearer(b, session.current());
    }

    private static Request bearer(Request.Builder b, CodeshipSession.State session) {
        return b.header("Authorization", "Bearer " + session.token().reveal()).header("Accept", "application/json").build();
    }

    private static String what(Coordinates c, String id) {
        return "build " + id + " of project " + c.project();
    }
}
