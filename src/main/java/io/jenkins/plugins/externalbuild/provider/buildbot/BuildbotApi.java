package io.jenkins.plugins.externalbuild.provider.buildbot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import okhttp3.Cookie;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Buildbot's data API v2 over the shared {@link HttpTransport}: reads ({@code GET} with {@code Accept:
 * application/json}), control calls (a JSON-RPC 2.0 {@code POST} to the resource), the optional login, and the
 * classification of Buildbot's errors. Thread-safe.
 *
 * <p>Login: Buildbot ignores HTTP Basic on {@code /api/v2} (a control call with it still answers 403 "you need to have
 * role …"). With a user name and password, each server is logged in once, by {@code GET /auth/login} with Basic, and
 * the {@code TWISTED_SESSION} cookie it sets (a JWT, valid 7 days) goes with every later request. The cookie is a
 * secret: it is redacted from then on, and a control call refused with 403 logs in again once.
 *
 * <p>Errors (verified on 3.7.0): GET of an unknown resource 404 {@code {"error": "not found …"}}; a POST to an unknown
 * path 404 with JSON-RPC -32600; a bad request 400 with -32600/-32700; an unknown method 501 -32601; {@code rebuild} of
 * an unknown build 500 -32603 {@code TypeError(…)}; missing role 403 -32600; an {@code Origin} header that is not the
 * master's {@code buildbotURL} 400 {@code invalid origin}.
 */
final class BuildbotApi {

    private static final Logger LOGGER = Logger.getLogger(BuildbotApi.class.getName());
    private static final MediaType JSON = MediaType.get("application/json");
    static final String SESSION_COOKIE = "TWISTED_SESSION";

    private final ProviderCredentials credentials;
    private final HttpUrl apiOverride;
    private final AtomicLong rpcIds = new AtomicLong();
    /** Session cookie value per web base; logins are serialized per connection. */
    private final Map<String, Token> sessions = new ConcurrentHashMap<>();
    private volatile HttpTransport http;

    BuildbotApi(HttpTransport http, ProviderCredentials credentials, HttpUrl apiOverride) {
        this.http = http;
        this.credentials = credentials;
        this.apiOverride = apiOverride;
    }

    HttpTransport transport() {
        return http;
    }

    /** {@code SERVER/api/v2} (or the configured API base) with {@code segments} appended. */
    HttpUrl url(String server, String... segments) {
        HttpUrl base = apiOverride != null ? apiOverride : HttpUrl.parse(server + "/api/v2");
        if (base == null) {
            throw new IllegalArgumentException("Buildbot server '" + server + "' is not an http(s) URL");
        }
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b.build();
    }

    /** A read; the answer if it is a 2xx, else the classified failure. */
    <T> T get(String server, HttpUrl url, Class<T> type, String what) throws ProviderException {
        Request.Builder b = new Request.Builder().url(url).get().header("Accept", "application/json");
        HttpResponse r = http.execute(withSession(server, b).build());
        if (!r.successful()) {
            throw classify(r, what, null);
        }
        return Json.read(Json.SNAKE, r, type, http);
    }

    /**
     * A JSON-RPC control call; returns its {@code result} (JSON null for {@code stop} and {@code cancel}).
     *
     * @param params the method's parameters (an object; Buildbot ignores unknown ones)
     */
    JsonNode rpc(String server, HttpUrl url, String method, Map<String, String> params, String what) throws ProviderException {
        HttpResponse r = post(server, url, method, params);
        if (r.code() == 403 && credentials instanceof ProviderCredentials.UsernamePassword && sessions.remove(server) != null) {
            LOGGER.fine(() -> "Buildbot refused " + method + " with the session of " + server + "; logging in again");
            r = post(server, url, method, params);
        }
        JsonNode body = tree(r);
        JsonNode error = body == null ? null : body.get("error");
        if (!r.successful() || error != null && !error.isNull()) {
            throw classify(r, what, method);
        }
        if (body == null || !body.has("result")) {
            throw new ProviderException.BadResponse(BuildbotProviderType.ID, r.code(), "Buildbot answered " + r.code()
                    + " to " + method + " of " + what + " without a JSON-RPC result: " + http.excerpt(r.body()), null);
        }
        return body.get("result");
    }

    private HttpResponse post(String server, HttpUrl url, String method, Map<String, String> params) throws ProviderException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("jsonrpc", "2.0");
        body.put("method", method);
        body.put("id", rpcIds.incrementAndGet());
        ObjectNode p = body.putObject("params");
        params.forEach(p::put);
        Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON))
                .header("Accept", "application/json");
        return http.execute(withSession(server, b).build());
    }

    private Request.Builder withSession(String server, Request.Builder b) throws ProviderException {
        if (credentials instanceof ProviderCredentials.UsernamePassword up) {
            b.header("Cookie", SESSION_COOKIE + "=" + session(server, up).reveal());
        }
        return b;
    }

    private synchronized Token session(String server, ProviderCredentials.UsernamePassword up) throws ProviderException {
        Token existing = sessions.get(server);
        if (existing != null) {
            return existing;
        }
        HttpUrl login = HttpUrl.parse(webBase(server) + "/auth/login");
        if (login == null) {
            throw new IllegalArgumentException("Buildbot server '" + server + "' is not an http(s) URL");
        }
        Request request = new Request.Builder().url(login).get()
                .header("Authorization", okhttp3.Credentials.basic(up.username(), up.password().reveal(), StandardCharsets.UTF_8))
                .build();
        HttpResponse r = http.execute(request);
        String what = "the login of user " + up.username();
        if (r.code() == 401) {
            throw new ProviderException.AuthError(BuildbotProviderType.ID, 401, "Buildbot refused " + what + " (GET "
                    + http.redactor().redact(login) + " answered 401): check BUILDBOT_USER and BUILDBOT_PASSWORD, or the "
                    + "user name and password credentials");
        }
        if (r.code() >= 400) {
            throw classify(r, what, null);
        }
        Token cookie = null;
        for (String header : r.headers().values("Set-Cookie")) {
            Cookie c = Cookie.parse(login, header);
            if (c != null && SESSION_COOKIE.equals(c.name()) && !c.value().isBlank()) {
                cookie = Token.of(c.value());
            }
        }
        if (cookie == null) {
            throw new ProviderException.AuthError(BuildbotProviderType.ID, r.code(), "Buildbot answered " + r.code()
                    + " to " + what + " without a " + SESSION_COOKIE + " cookie; is the URL that of the Buildbot web server?");
        }
        http = http.withSecret(cookie);
        sessions.put(server, cookie);
        LOGGER.fine(() -> "logged in to Buildbot " + server + " as " + up.username());
        return cookie;
    }

    /** The web base of the login: the configured API base without {@code /api/v2}, else the server. */
    private String webBase(String server) {
        return apiOverride == null ? server : apiOverride.toString().replaceAll("/+$", "").replaceAll("/api/v2$", "");
    }

    /**
     * Buildbot's errors in our taxonomy.
     *
     * @param method the JSON-RPC method of a control call, or null for a read
     */
    ProviderException classify(HttpResponse r, String what, String method) {
        int code = r.code();
        String detail = rpcMessage(r);
        String action = method == null ? "" : method + " of ";
        String head = "Buildbot answered " + code + " to " + (method == null ? "the read of " : "") + action + what + " ("
                + r.method() + " " + http.redactor().redact(r.url()) + ")" + (detail.isEmpty() ? "" : ": " + detail);
        String id = BuildbotProviderType.ID;
        if (detail.toLowerCase(Locale.ROOT).contains("invalid origin")) {
            return new ProviderException.AuthError(id, code, head + ". Buildbot accepts only requests whose Origin is its "
                    + "buildbotURL; a proxy in between adds another Origin header.");
        }
        if (code == 403) {
            return new ProviderException.AuthError(id, code, head + (credentials instanceof ProviderCredentials.UsernamePassword up
                    ? ". The user " + up.username() + " lacks that role in the master's authz rules."
                    : ". Give a user with that role: BUILDBOT_USER and BUILDBOT_PASSWORD (CLI) or username/password "
                    + "credentials; Buildbot ignores HTTP Basic on /api/v2, so the connection logs in at /auth/login."));
        }
        if (code == 404) {
            return new ProviderException.NotFound(id, code, head + ". Check the URL and the build (or request) id.");
        }
        if (method != null && (code == 400 || code == 501 || code == 500 && rpcCode(r) == -32603 || r.successful())) {
            // Refused or failed inside the master (-32603 is a Python exception there): sending it again will not help.
            return new ProviderException.NotRestartable(id, code, head);
        }
        if (code >= 500 || code == 408) {
            return new ProviderException.Transient(id, code, head, null);
        }
        return new ProviderException.BadResponse(id, code, head, null);
    }

    /** The JSON-RPC error message, or the {@code error} text of a read, or a redacted excerpt. */
    private String rpcMessage(HttpResponse r) {
        JsonNode body = tree(r);
        JsonNode error = body == null ? null : body.get("error");
        if (error != null && error.isObject() && error.hasNonNull("message")) {
            return http.excerpt(error.get("message").asText());
        }
        return http.excerpt(r.body());
    }

    private static int rpcCode(HttpResponse r) {
        JsonNode body = tree(r);
        JsonNode error = body == null ? null : body.get("error");
        return error != null && error.isObject() ? error.path("code").asInt(0) : 0;
    }

    private static JsonNode tree(HttpResponse r) {
        try {
            JsonNode node = Json.MAPPER.readTree(r.body());
            return node != null && node.isObject() ? node : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
