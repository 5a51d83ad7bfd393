package io.jenkins.plugins.externalbuild.provider.circleci;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ApiUrls;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.circleci.CircleCiDtos.Job;
import io.jenkins.plugins.externalbuild.provider.circleci.CircleCiDtos.JobList;
import io.jenkins.plugins.externalbuild.provider.circleci.CircleCiDtos.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The HTTP side of {@link CircleCiProvider}: URLs under the API v2 base, the {@code Circle-Token} header, workflows
 * and their (paged) jobs, and CircleCI's error answers mapped onto {@link ProviderException}, including its rate-limit
 * reset headers, which count seconds from now. Thread-safe.
 */
final class CircleCiApi {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_PAGES = 20;

    private final ConnectionSettings settings;
    private final HttpTransport http;
    private final String token;

    CircleCiApi(ConnectionSettings settings, ProviderContext context) {
        this.settings = settings;
        ProviderCredentials credentials = settings.credentials();
        this.token = ProviderCredentials.tokenOrNone(credentials,
                "CircleCI authenticates with a personal API token, not a user name and password");
        // CircleCI announces its limits in RateLimit-*/X-RateLimit-* headers where it applies them; no ceiling of ours.
        this.http = context.transport(CircleCiProviderType.ID, "CircleCI", settings, Double.POSITIVE_INFINITY);
    }

    HttpTransport transport() {
        return http;
    }

    <T> T read(HttpResponse r, Class<T> type) throws ProviderException {
        return Json.read(Json.SNAKE, r, type, http);
    }

    Workflow workflow(String id) throws ProviderException {
        HttpResponse r = send(get(url("workflow", id, null)), "workflow " + id);
        Workflow w = read(r, Workflow.class);
        if (w.status() == null) {
            throw new ProviderException.BadResponse(CircleCiProviderType.ID, r.code(), "CircleCI answered " + r.code()
                    + " for workflow " + id + " without a status", null);
        }
        return w;
    }

    /** Every job of the workflow, following {@code next_page_token} (bounded). */
    List<Job> jobs(BuildRef ref) throws ProviderException {
        List<Job> all = new ArrayList<>();
        String page = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            HttpUrl.Builder u = url("workflow", ref.id(), "job").newBuilder();
            if (page != null) {
                u.addQueryParameter("page-token", page);
            }
            JobList list = read(send(get(u.build()), "jobs of " + what(ref)), JobList.class);
            if (list.items() != null) {
                all.addAll(list.items());
            }
            page = list.nextPageToken();
            if (page == null || page.isBlank()) {
                break;
            }
        }
        return all;
    }

    HttpResponse send(Request request, String what) throws ProviderException {
        HttpResponse r = http.execute(request);
        if (r.successful()) {
            return r;
        }
        ProviderException e = http.classify(r, what);
        int code = r.code();
        if (code == 401) {
            throw new ProviderException.AuthError(CircleCiProviderType.ID, 401, e.getMessage()
                    + " CircleCI API v2 needs a personal API token (User Settings → Personal API Tokens); project tokens "
                    + "are not accepted.");
        }
        if (code == 429 && r.header("Retry-After") == null) {
            // the transport reads reset headers as Unix time; CircleCI's count seconds from now
            OptionalLong seconds = resetSeconds(r);
            if (seconds.isPresent()) {
                String msg = e.getMessage().replaceFirst(" Retry after \\d+ s\\.$", "");
                throw new ProviderException.RateLimited(CircleCiProviderType.ID, 429, msg + " Retry after "
                        + seconds.getAsLong() + " s.", Duration.ofSeconds(seconds.getAsLong()));
            }
        }
        if ("POST".equals(request.method()) && (code == 400 || code == 409 || code == 422)) {
            throw new ProviderException.NotRestartable(CircleCiProviderType.ID, code, e.getMessage());
        }
        throw e;
    }

    /** CircleCI's reset headers count seconds from now, not Unix time (api-developers-guide.adoc). */
    private static OptionalLong resetSeconds(HttpResponse r) {
        for (String name : new String[] {"RateLimit-Reset", "X-RateLimit-Reset"}) {
            String v = r.header(name);
            if (v != null && v.trim().matches("\\d{1,6}")) {
                return OptionalLong.of(Math.min(Long.parseLong(v.trim()), 3600));
            }
        }
        return OptionalLong.empty();
    }

    Request get(HttpUrl url) {
        return auth(new Request.Builder().url(url).get()).header("Accept", "application/json").build();
    }

    Request post(HttpUrl url, String json) {
        return auth(new Request.Builder().url(url).post(RequestBody.create(json, JSON)))
                .header("Accept", "application/json").build();
    }

    private Request.Builder auth(Request.Builder b) {
        return token == null ? b : b.header("Circle-Token", token);
    }

    HttpUrl url(String collection, String id, String action) {
        HttpUrl.Builder b = base().addPathSegment(collection).addPathSegment(id);
        if (action != null) {
            b.addPathSegment(action);
        }
        return b.build();
    }

    /** The API base: the configured override, else https://circleci.com/api/v2. */
    HttpUrl.Builder base() {
        String text = settings.apiBase() != null ? settings.apiBase().toString() : CircleCiProviderType.DEFAULT_API;
        return ApiUrls.base(text, "CircleCI").newBuilder();
    }

    static String what(BuildRef ref) {
        return "workflow " + ref.id() + " of " + ref.project();
    }
}
