package io.jenkins.plugins.externalbuild.provider.jenkins;

import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.RetryAfter;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Jenkins' remote access API over the shared {@link HttpTransport}: HTTP Basic with a user name and an API token
 * (never in a URL), the CSRF crumb where the controller requires one, and Jenkins' errors in our taxonomy. Thread-safe.
 *
 * <p>Crumbs: a request authenticated with an API token is exempt from CSRF protection (core's {@code CrumbFilter}
 * since 2.96), so POSTs go out without one. Only when a POST is refused with core's 403 "No valid crumb was
 * included in the request" (a password instead of a token, or an old controller) is {@code GET /crumbIssuer/api/json}
 * asked, once per server, and the POST sent again with the crumb header and the session cookie that answer set (the
 * crumb is bound to that session). A crumb issuer answering 404 means none is configured: the 403 stands. The refused
 * POST did nothing, so sending it again cannot run anything twice.
 */
final class JenkinsApi {

    private static final Logger LOGGER = Logger.getLogger(JenkinsApi.class.getName());
    static final String NO_CRUMB = "No valid crumb was included in the request";

    private final HttpUrl apiOverride;
    private final String user;
    private final Token token;
    private final Map<String, Optional<CrumbHeader>> crumbs = new ConcurrentHashMap<>();
    private volatile HttpTransport http;

    private record CrumbHeader(String field, Token crumb, Token cookie) {
    }

    JenkinsApi(HttpTransport http, ProviderCredentials credentials, HttpUrl apiOverride) {
        this.http = http;
        this.apiOverride = apiOverride;
        if (credentials instanceof ProviderCredentials.UsernamePassword up) {
            this.user = up.username();
            this.token = up.password();
        } else {
            this.user = null;
            this.token = null;
        }
    }

    HttpTransport transport() {
        return http;
    }

    /** The API user, or null for anonymous access. */
    String user() {
        return user;
    }

    /** The controller's root (or the configured API base) with {@code path} ({@code job/a/42/api/json}) appended. */
    HttpUrl.Builder url(String server) {
        HttpUrl base = apiOverride != null ? apiOverride : HttpUrl.parse(server);
        if (base == null) {
            throw new IllegalArgumentException("Jenkins server '" + server + "' is not an http(s) URL");
        }
        return base.newBuilder();
    }

    /** {@code SERVER/job/A/job/B/} as a builder to append to. */
    HttpUrl.Builder job(String server, String job) {
        HttpUrl.Builder b = url(server);
        for (String name : job.split("/")) {
            b.addPathSegment("job").addPathSegment(name);
        }
        return b;
    }

    HttpResponse get(HttpUrl url) throws ProviderException {
        return http.execute(authorized(new Request.Builder().url(url).get().header("Accept", "application/json")).build());
    }

    /** A read; the body as {@code type} if it is a 2xx, else the classified failure. */
    <T> T read(HttpUrl url, Class<T> type, String what) throws ProviderException {
        HttpResponse r = get(url);
        if (!r.successful()) {
            throw classify(r, what);
        }
        return Json.read(Json.MAPPER, r, type, http);
    }

    /** A form POST, with the crumb if the controller turns out to need one. Any answer is returned. */
    HttpResponse post(HttpUrl url, Map<String, List<String>> form) throws ProviderException {
        String server = url.scheme() + "://" + url.host() + ":" + url.port();
        Optional<CrumbHeader> known = crumbs.get(server);
        HttpResponse r = http.execute(postRequest(url, form, known == null ? null : known.orElse(null)));
        // Asked for a crumb: fetch one, unless the controller has no issuer; a crumb we had is refetched once (its
        // session expired).
        if (r.code() == 403 && r.body() != null && r.body().contains(NO_CRUMB) && (known == null || known.isPresent())) {
            Optional<CrumbHeader> crumb = fetchCrumb(url);
            crumbs.put(server, crumb);
            if (crumb.isPresent()) {
                LOGGER.fine(() -> "Jenkins at " + server + " requires a CSRF crumb; sending again with one");
                r = http.execute(postRequest(url, form, crumb.get()));
            }
        }
        return r;
    }

    private Request postRequest(HttpUrl url, Map<String, List<String>> form, CrumbHeader crumb) {
        FormBody.Builder body = new FormBody.Builder(StandardCharsets.UTF_8);
        form.forEach((name, values) -> values.forEach(v -> body.add(name, v)));
        Request.Builder b = authorized(new Request.Builder().url(url).post(body.build()));
        if (crumb != null) {
            b.header(crumb.field(), crumb.crumb().reveal());
            if (crumb.cookie() != null) {
                b.header("Cookie", crumb.cookie().reveal());
            }
        }
        return b.build();
    }

    private Optional<CrumbHeader> fetchCrumb(HttpUrl post) throws ProviderException {
        HttpUrl url = rootOf(post).newBuilder().addPathSegments("crumbIssuer/api/json").build();
        HttpResponse r = get(url);
        if (r.code() == 404) {
            return Optional.empty(); // no crumb issuer configured: the 403 was for another reason
        }
        if (!r.successful()) {
            throw classify(r, "the CSRF crumb");
        }
        JenkinsDtos.Crumb c = Json.read(Json.MAPPER, r, JenkinsDtos.Crumb.class, http);
        if (c.crumb() == null || c.crumbRequestField() == null) {
            return Optional.empty();
        }
        Token crumb = Token.of(c.crumb());
        http = http.withSecret(crumb);
        Token cookie = null;
        List<String> setCookies = r.headers().values("Set-Cookie");
        StringBuilder jar = new StringBuilder();
        for (String header : setCookies) {
            okhttp3.Cookie k = okhttp3.Cookie.parse(url, header);
            if (k != null) {
                jar.append(jar.length() == 0 ? "" : "; ").append(k.name()).append('=').append(k.value());
                http = http.withSecret(Token.of(k.value()));
            }
        }
        if (jar.length() > 0) {
            cookie = Token.of(jar.toString());
        }
        return Optional.of(new CrumbHeader(c.crumbRequestField(), crumb, cookie));
    }

    /** The root of the controller a URL of ours points into: the override, or the URL up to its first {@code job}. */
    private HttpUrl rootOf(HttpUrl u) {
        if (apiOverride != null) {
            return apiOverride;
        }
        HttpUrl.Builder b = u.newBuilder().encodedPath("/").query(null).fragment(null);
        for (String s : u.pathSegments()) {
            if (s.equals("job") || s.equals("queue")) {
                break;
            }
            b.addPathSegment(s);
        }
        return b.build();
    }

    private Request.Builder authorized(Request.Builder b) {
        if (user != null) {
            b.header("Authorization", okhttp3.Credentials.basic(user, token.reveal(), StandardCharsets.UTF_8));
        }
        return b;
    }

    /**
     * Jenkins' errors: 401 a wrong user or token; 403 a missing permission (or a crumb); 404 no such item, or one the
     * user may not see (Jenkins hides what lacks Item/Read); 409 a job that is not buildable (disabled); 429 and 503
     * with {@code Retry-After} from a reverse proxy or a controller starting up ("Jenkins is getting ready to work").
     */
    ProviderException classify(HttpResponse r, String what) {
        int code = r.code();
        String head = "Jenkins answered " + code + " for " + what + " (" + r.method() + " " + http.redactor().redact(r.url())
                + ")";
        String detail = excerpt(r);
        String msg = detail.isEmpty() ? head : head + ": " + detail;
        String id = JenkinsProviderType.ID;
        Optional<Duration> wait = RetryAfter.parse(r.headers(), r.receivedAt());
        if (code == 429 || code == 503 && wait.isPresent()) {
            return new ProviderException.RateLimited(id, code, msg + wait.map(d -> ". Retry after " + d.toSeconds() + " s.")
                    .orElse(""), wait.orElse(null));
        }
        return switch (code) {
            case 401 -> new ProviderException.AuthError(id, code, msg + ". Check the user name and API token ("
                    + "JENKINS_USER and JENKINS_API_TOKEN, or the Username with password credentials).");
            case 403 -> new ProviderException.AuthError(id, code, msg + (user == null
                    ? ". Give a user and API token with the permission."
                    : ". The user " + user + " lacks the permission for this."));
            case 404 -> new ProviderException.NotFound(id, code, msg + ". Check the URL, or that the user can see the job.");
            case 409 -> new ProviderException.NotRestartable(id, code, msg);
            default -> http.classify(r, what);
        };
    }

    /** A short excerpt of an error page: Jenkins answers HTML, whose title or first line says enough. */
    String excerpt(HttpResponse r) {
        String body = r.body() == null ? "" : r.body();
        if (body.contains(NO_CRUMB)) {
            return NO_CRUMB;
        }
        java.util.regex.Matcher title = java.util.regex.Pattern.compile("(?is)<title>(.*?)</title>").matcher(body);
        String text = title.find() ? title.group(1) : body.replaceAll("(?s)<[^>]*>", " ");
        return http.excerpt(text);
    }
}
