package io.jenkins.plugins.externalbuild.provider.codeship;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.Build;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipV2Resources.Coordinates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import okhttp3.HttpUrl;

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
 * answers 202, so a running build is refused before anything is posted. The requests themselves, and what is
 * remembered of projects, live in {@link CodeshipV2Resources}.
 */
final class CodeshipV2Api implements CodeshipApi {

    private static final Logger LOGGER = Logger.getLogger(CodeshipV2Api.class.getName());

    static final String DEFAULT_BASE = "https://api.codeship.com/v2";
    static final int LOOKUPS = 5;
    static final Duration LOOKUP_PAUSE = Duration.ofSeconds(2);

    private final CodeshipV2Resources resources;
    private final HttpTransport.Pause pause;
    private final RestartGrace grace;

    CodeshipV2Api(CodeshipHttp http, HttpUrl base, CodeshipSession session, HttpTransport.Pause pause, RestartGrace grace) {
        this.resources = new CodeshipV2Resources(http, base, session);
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
        return "basic".equals(resources.knownType(ref.project().substring(ref.project().indexOf('/') + 1)));
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        Build b = resources.build(resources.coordinates(ref.project()), ref.id());
        return grace.adjust(ref.id(), CodeshipStatusMapping.map(b.status()), b.queuedAt(), b.finishedAt());
    }

    @Override
    public Attempt restart(Attempt current) throws ProviderException {
        BuildRef ref = current.ref();
        Coordinates c = ProviderException.beforeChange(() -> resources.coordinates(ref.project()));
        Build before = ProviderException.beforeChange(() -> resources.build(c, ref.id()));
        BuildStatus status = CodeshipStatusMapping.map(before.status());
        if (CodeshipStatusMapping.running(status)) {
            throw new ProviderException.NotRestartable(CodeshipProviderType.ID, 0, "Codeship build " + ref.id()
                    + " of project " + c.project() + " is still running (" + before.status()
                    + "); Codeship ignores restarts of running builds");
        }
        boolean pro = ProviderException.beforeChange(() -> resources.isPro(c, before));
        Set<String> listedBefore = pro ? ProviderException.beforeChange(() -> uuids(resources.list(c))) : Set.of();
        resources.post(c, ref.id(), "restart");
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
        Coordinates c = resources.coordinates(ref.project());
        resources.post(c, ref.id(), "stop");
    }

    @Override
    public BuildRef latestBuild(String server, String project, String branch) throws ProviderException {
        if (!isProject(project)) {
            throw new IllegalArgumentException("Codeship API v2 needs the project as ORG_UUID/PROJECT_UUID, got '"
                    + project + "'");
        }
        Coordinates c = resources.coordinates(project.toLowerCase(Locale.ROOT));
        // Like codeship/scripts' codeship_restart_build (v2): the first page only, first build of the branch.
        List<Build> matches = new ArrayList<>();
        for (Build b : resources.list(c)) {
            if (branch.equals(b.branch()) || ("heads/" + branch).equals(b.ref())) {
                matches.add(b);
            }
        }
        matches.sort(Comparator.comparing((Build b) -> CodeshipApi.instant(b.queuedAt()).orElse(Instant.MIN)).reversed());
        if (matches.isEmpty() || matches.get(0).uuid() == null) {
            throw new ProviderException.NotFound(CodeshipProviderType.ID, 200, "Codeship project " + c.project()
                    + " has no build of branch '" + branch + "' among its " + CodeshipV2Resources.PER_PAGE + " newest builds");
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
                listed = resources.list(c);
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

    private static Set<String> uuids(List<Build> builds) {
        Set<String> out = new HashSet<>();
        for (Build b : builds) {
            out.add(b.uuid());
        }
        return out;
    }
}
