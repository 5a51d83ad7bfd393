package io.jenkins.plugins.externalbuild.provider.codeship;

import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.Build;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.BuildEnvelope;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.BuildList;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.Organization;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.ProjectEnvelope;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The projects and builds of Codeship API v2 as {@link CodeshipV2Api} reads and changes them: the organization a
 * project belongs to, a build, a project's newest builds, a project's type (Basic or Pro), and the authorized
 * requests behind them, with the {@link CodeshipSession} token as {@code Authorization: Bearer} and one new login
 * when a read is refused with 401. The organization and type of a project are remembered. Thread-safe.
 */
final class CodeshipV2Resources {

    private static final Logger LOGGER = Logger.getLogger(CodeshipV2Resources.class.getName());

    static final int PER_PAGE = 50; // the documented maximum (api-overview/pagination)

    /** Organization and project UUIDs of a build. */
    record Coordinates(String org, String project) {
        String path() {
            return org + "/" + project;
        }
    }

    private final CodeshipHttp http;
    private final HttpUrl base;
    private final CodeshipSession session;
    private final Map<String, String> orgOfProject = new ConcurrentHashMap<>();
    private final Map<String, String> projectType = new ConcurrentHashMap<>();

    CodeshipV2Resources(CodeshipHttp http, HttpUrl base, CodeshipSession session) {
        this.http = http;
        this.base = base;
        this.session = session;
    }

    /** The type of the project ({@code basic}, {@code pro}) if it has been read already, else null. */
    String knownType(String project) {
        return projectType.get(project);
    }

    boolean isPro(Coordinates c, Build before) throws ProviderException {
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

    Build build(Coordinates c, String id) throws ProviderException {
        HttpResponse r = read(buildUrl(c, id, null), what(c, id));
        BuildEnvelope e = http.read(r, BuildEnvelope.class);
        if (e.build() == null || e.build().status() == null) {
            throw http.missing(r, "build.status", what(c, id));
        }
        return e.build();
    }

    List<Build> list(Coordinates c) throws ProviderException {
        HttpUrl u = projectUrl(c.org(), c.project()).newBuilder().addPathSegment("builds")
                .addQueryParameter("per_page", String.valueOf(PER_PAGE)).build();
        BuildList list = http.read(read(u, "builds of project " + c.project()), BuildList.class);
        return list.builds() == null ? List.of() : list.builds();
    }

    /** The organization of a project: from the ref, else the user's only one, else the one that has it. */
    Coordinates coordinates(String project) throws ProviderException {
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

    /** Posts to {@code …/builds/:uuid/ACTION} (restart, stop); Codeship answers 202 without a body. */
    void post(Coordinates c, String id, String action) throws ProviderException {
        http.send(post(buildUrl(c, id, action)), action + " of " + what(c, id));
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

    static String what(Coordinates c, String id) {
        return "build " + id + " of project " + c.project();
    }
}
