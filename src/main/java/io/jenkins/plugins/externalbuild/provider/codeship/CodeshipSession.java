package io.jenkins.plugins.externalbuild.provider.codeship;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import io.jenkins.plugins.externalbuild.provider.codeship.CodeshipDtos.Organization;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The API v2 access token of one connection: {@code POST /v2/auth} with HTTP Basic (email and password), cached
 * until {@link #REFRESH_BEFORE} before its {@code expires_at} (epoch seconds), then obtained again. Each token is
 * registered with the redactor before it is used. Docs: docs.cloudbees.com/…/api-authentication/authenticate.
 * Thread-safe: callers wait while one of them authenticates, so a connection never logs in twice at once.
 */
final class CodeshipSession {

    private static final Logger LOGGER = Logger.getLogger(CodeshipSession.class.getName());

    static final Duration REFRESH_BEFORE = Duration.ofSeconds(60);
    /** Used when an answer has no readable {@code expires_at} (the 1-hour lifetime is UNVERIFIED). */
    static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(10);
    static final String TWO_FACTOR = "Codeship accounts with two-factor authentication cannot use the API; "
            + "use a machine user without 2FA";

    /** A token and what came with it; {@link Token} masks itself, so printing this shows no secret. */
    record State(Token token, Instant expiresAt, List<Organization> organizations) {
    }

    private final CodeshipHttp http;
    private final HttpUrl base;
    private final ProviderCredentials.UsernamePassword credentials;
    private final Clock clock;
    private State state;

    CodeshipSession(CodeshipHttp http, HttpUrl base, ProviderCredentials.UsernamePassword credentials, Clock clock) {
        this.http = http;
        this.base = base;
        this.credentials = credentials;
        this.clock = clock;
    }

    synchronized State current() throws ProviderException {
        if (state == null || !clock.instant().isBefore(state.expiresAt().minus(REFRESH_BEFORE))) {
            state = authenticate();
        }
        return state;
    }

    /** Forgets {@code refused} (a token the API answered 401 to), so that the next call logs in again. */
    synchronized void discard(State refused) {
        if (state == refused) {
            state = null;
        }
    }

    private State authenticate() throws ProviderException {
        String user = credentials.username();
        Request request = new Request.Builder().url(base.newBuilder().addPathSegment("auth").build())
                .post(RequestBody.create("{}", MediaType.get("application/json")))
                .header("Authorization", okhttp3.Credentials.basic(user, credentials.password().reveal(), StandardCharsets.UTF_8))
                .header("Accept", "application/json")
                .build();
        HttpResponse r = http.execute(request);
        String what = "authentication of user " + user;
        String error = errorOf(r);
        // The Go client's test serves the two-factor refusal with 200; the real status is UNVERIFIED.
        if (error != null && twoFactor(error)) {
            throw new ProviderException.AuthError(CodeshipProviderType.ID, r.code(), TWO_FACTOR);
        }
        if (!r.successful()) {
            throw http.classify(r, what);
        }
        if (error != null) {
            throw new ProviderException.AuthError(CodeshipProviderType.ID, r.code(), "Codeship refused the "
                    + what + ": " + http.redact(error));
        }
        JsonNode node = http.tree(r);
        JsonNode token = node.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw http.missing(r, "access_token", what);
        }
        Token accessToken = Token.of(token.asText());
        http.addSecret(accessToken);
        Instant expires = expiresAt(node.get("expires_at"));
        List<Organization> organizations = new ArrayList<>();
        JsonNode orgs = node.get("organizations");
        if (orgs != null && orgs.isArray()) {
            for (JsonNode o : orgs) {
                List<String> scopes = new ArrayList<>();
                o.path("scopes").forEach(s -> scopes.add(s.asText()));
                organizations.add(new Organization(o.path("uuid").asText(""), o.path("name").asText(""), List.copyOf(scopes)));
            }
        }
        LOGGER.fine(() -> "authenticated user " + user + " with Codeship; token valid until " + expires + ", "
                + organizations.size() + " organization(s)");
        return new State(accessToken, expires, List.copyOf(organizations));
    }

    private Instant expiresAt(JsonNode value) {
        Instant now = clock.instant();
        if (value != null && value.canConvertToLong() && value.isNumber()) {
            return Instant.ofEpochSecond(value.asLong());
        }
        if (value != null && value.isTextual()) {
            String text = value.asText().trim();
            if (text.matches("\\d{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            return CodeshipApi.instant(text).orElse(now.plus(ASSUMED_LIFETIME));
        }
        return now.plus(ASSUMED_LIFETIME);
    }

    /** The {@code error} (auth) or first of {@code errors} (elsewhere) of a JSON body, if any. */
    private static String errorOf(HttpResponse r) {
        try {
            JsonNode node = io.jenkins.plugins.externalbuild.provider.Json.MAPPER.readTree(r.body());
            if (node == null || !node.isObject()) {
                return null;
            }
            JsonNode e = node.get("error");
            if (e != null && !e.isNull()) {
                return e.isTextual() ? e.asText() : e.toString();
            }
            JsonNode es = node.get("errors");
            if (es != null && es.isArray() && !es.isEmpty()) {
                return es.get(0).asText();
            }
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static boolean twoFactor(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("two-factor") || t.contains("two factor") || t.contains("2fa");
    }
}
