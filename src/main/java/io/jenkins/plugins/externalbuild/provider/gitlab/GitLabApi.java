package io.jenkins.plugins.externalbuild.provider.gitlab;

import com.fasterxml.jackson.databind.JavaType;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ApiUrls;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.gitlab.GitLabDtos.Job;
import io.jenkins.plugins.externalbuild.provider.gitlab.GitLabDtos.Pipeline;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The HTTP side of {@link GitLabProvider}: URLs under the API base (v4, or v3 with option {@code apiVersion=3}),
 * the {@code PRIVATE-TOKEN} header, JSON objects and lists, and GitLab's error answers mapped onto
 * {@link ProviderException}. Thread-safe.
 */
final class GitLabApi {

    private final ConnectionSettings settings;
    private final HttpTransport http;
    private final String token;
    private final int apiVersion;

    GitLabApi(ConnectionSettings settings, ProviderContext context) {
        this.settings = settings;
        String v = settings.option(GitLabProvider.API_VERSION, "4").trim().replaceFirst("^[vV]", "");
        if (!v.equals("4") && !v.equals("3")) {
            throw new IllegalArgumentException("GitLab apiVersion must be 4 or 3, got '" + v + "'");
        }
        this.apiVersion = Integer.parseInt(v);
        ProviderCredentials credentials = settings.credentials();
        this.token = ProviderCredentials.tokenOrNone(credentials,
                "GitLab authenticates with a personal, project or group access token "
                + "(scope api), not a user name and password");
        // GitLab announces its limits in RateLimit-* headers; no ceiling of our own.
        this.http = context.transport(GitLabProviderType.ID, "GitLab", settings, Double.POSITIVE_INFINITY);
    }

    HttpTransport transport() {
        return http;
    }

    /** 4, or 3 for the {@code builds} endpoints of very old servers. */
    int version() {
        return apiVersion;
    }

    Job job(BuildRef ref) throws ProviderException {
        HttpResponse r = send(get(url(ref, jobsSegment(), ref.id(), null)), what(ref));
        Job job = read(r, Job.class);
        if (job.status() == null) {
            throw new ProviderException.BadResponse(GitLabProviderType.ID, r.code(), "GitLab answered for " + what(ref)
                    + " without a status: " + http.excerpt(r.body()), null);
        }
        return job;
    }

    Pipeline pipeline(BuildRef ref) throws ProviderException {
        HttpResponse r = send(get(url(ref, "pipelines", ref.id(), null)), what(ref));
        Pipeline p = read(r, Pipeline.class);
        if (p.status() == null) {
            throw new ProviderException.BadResponse(GitLabProviderType.ID, r.code(), "GitLab answered for " + what(ref)
                    + " without a status: " + http.excerpt(r.body()), null);
        }
        return p;
    }

    <T> T read(HttpResponse r, Class<T> type) throws ProviderException {
        return Json.read(Json.SNAKE, r, type, http);
    }

    <T> List<T> readList(HttpResponse r, Class<T> element) throws ProviderException {
        JavaType listType = Json.SNAKE.getTypeFactory().constructCollectionType(List.class, element);
        try {
            List<T> list = Json.SNAKE.readValue(r.body(), listType);
            return list == null ? List.of() : list;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ProviderException.BadResponse(GitLabProviderType.ID, r.code(), "GitLab answered " + r.code()
                    + " with a body that is not a JSON list: " + http.excerpt(r.body()), null);
        }
    }

    HttpResponse send(Request request, String what) throws ProviderException {
        HttpResponse r = http.execute(request);
        if (r.successful()) {
            return r;
        }
        ProviderException e = http.classify(r, what);
        String detail = http.excerpt(r.body()).toLowerCase(Locale.ROOT);
        if ("POST".equals(request.method()) && (r.code() == 403 && detail.contains("not retryable")
                || r.code() == 400 || r.code() == 409 || r.code() == 422)) {
            return rethrow(new ProviderException.NotRestartable(GitLabProviderType.ID, r.code(), e.getMessage()));
        }
        if (r.code() == 410) {
            return rethrow(new ProviderException.NotFound(GitLabProviderType.ID, 410, e.getMessage()
                    + " This GitLab no longer serves API v" + apiVersion + ": use apiVersion 4 (--api-version 4)."));
        }
        if (r.code() == 401) {
            return rethrow(new ProviderException.AuthError(GitLabProviderType.ID, 401, e.getMessage()
                    + " GitLab needs a token with the 'api' scope (read_api suffices for status)."));
        }
        throw e;
    }

    private static HttpResponse rethrow(ProviderException e) throws ProviderException {
        throw e;
    }

    static String requireId(Long id, HttpResponse r) throws ProviderException {
        if (id == null) {
            throw new ProviderException.BadResponse(GitLabProviderType.ID, r.code(), "GitLab answered " + r.code()
                    + " without the id of the new build", null);
        }
        return String.valueOf(id);
    }

    Request get(HttpUrl url) {
        return auth(new Request.Builder().url(url).get()).header("Accept", "application/json").build();
    }

    Request post(HttpUrl url) {
        return auth(new Request.Builder().url(url).post(RequestBody.create(new byte[0])))
                .header("Accept", "application/json").build();
    }

    private Request.Builder auth(Request.Builder b) {
        return token == null ? b : b.header("PRIVATE-TOKEN", token);
    }

    HttpUrl url(BuildRef ref, String collection, String id, String action) {
        HttpUrl.Builder b = base(ref.server()).addPathSegment("projects").addPathSegment(ref.project()).addPathSegment(collection)
                .addPathSegment(id);
        if (action != null) {
            b.addPathSegment(action);
        }
        return b.build();
    }

    /** The API base: the configured override, else SERVER/api/v4 (or v3) of the build's server. */
    HttpUrl.Builder base(String server) {
        String text = settings.apiBase() != null ? settings.apiBase().toString() : server + "/api/v" + apiVersion;
        return ApiUrls.base(text, "GitLab").newBuilder();
    }

    String jobsSegment() {
        return apiVersion == 3 ? "builds" : "jobs";
    }

    static String what(BuildRef ref) {
        return ref.kind() + " " + ref.id() + " of " + ref.project();
    }
}
