package io.jenkins.plugins.externalbuild.provider.codeship;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.time.Duration;
import java.util.Locale;
import okhttp3.Request;

/**
 * Sends Codeship requests through the shared {@link HttpTransport} and classifies failures the Codeship way:
 * the rate limit (60 requests a minute) answers {@code 403 Rate Limit Exceeded} with no body and no reset header
 * (docs: api-overview/rate-limiting), so a 403 is a {@link ProviderException.RateLimited} when its reason phrase
 * or body says so, and an {@link ProviderException.AuthError} otherwise. Thread-safe.
 */
final class CodeshipHttp {

    /** The wait after a rate-limited answer that names none: the limit is per minute. */
    static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    private volatile HttpTransport transport;

    CodeshipHttp(HttpTransport transport) {
        this.transport = transport;
    }

    HttpTransport transport() {
        return transport;
    }

    /** Redacts {@code secret} from now on (a v2 access token obtained at run time). */
    synchronized void addSecret(Token secret) {
        transport = transport.withSecret(secret);
    }

    HttpResponse execute(Request request) throws ProviderException {
        return transport.execute(request);
    }

    /** The answer if it is a 2xx, else the classified failure. */
    HttpResponse send(Request request, String what) throws ProviderException {
        HttpResponse r = transport.execute(request);
        if (!r.successful()) {
            throw classify(r, what);
        }
        return r;
    }

    ProviderException classify(HttpResponse r, String what) {
        HttpTransport t = transport;
        if (isRateLimit(r)) {
            Duration wait = t.retryAfter(r).orElse(RATE_LIMIT_WAIT);
            return new ProviderException.RateLimited(CodeshipProviderType.ID, r.code(), "Codeship answered " + r.code()
                    + " Rate Limit Exceeded for " + what + " (" + r.method() + " " + t.redactor().redact(r.url())
                    + "): its API allows 60 requests a minute per user; retry after " + wait.toSeconds() + " s", wait);
        }
        ProviderException e = t.classify(r, what);
        if (r.code() == 401) {
            return new ProviderException.AuthError(CodeshipProviderType.ID, 401, e.getMessage()
                    + " Codeship API v2 needs the email and password of a user with a CodeShip password and no two-factor"
                    + " authentication (a machine user); the Basic API v1 needs the API key of the account.");
        }
        if (r.code() == 403) {
            return new ProviderException.AuthError(CodeshipProviderType.ID, 403, e.getMessage()
                    + " Reading builds needs the scope build.read, restarting and stopping build.write, reading the"
                    + " project project.read, in the build's organization.");
        }
        return e;
    }

    static boolean isRateLimit(HttpResponse r) {
        if (r.code() == 429) {
            return true;
        }
        if (r.code() != 403) {
            return false;
        }
        String text = (r.reason() + " " + (r.body() == null ? "" : r.body())).toLowerCase(Locale.ROOT);
        return text.contains("rate limit");
    }

    <T> T read(HttpResponse r, Class<T> type) throws ProviderException.BadResponse {
        return Json.read(Json.SNAKE, r, type, transport);
    }

    JsonNode tree(HttpResponse r) throws ProviderException.BadResponse {
        try {
            JsonNode node = Json.MAPPER.readTree(r.body());
            if (node == null || !node.isObject()) {
                throw badJson(r);
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw badJson(r);
        }
    }

    private ProviderException.BadResponse badJson(HttpResponse r) {
        return new ProviderException.BadResponse(CodeshipProviderType.ID, r.code(), "Codeship answered " + r.code()
                + " (" + r.method() + " " + transport.redactor().redact(r.url()) + ") with a body that is not a JSON object: "
                + transport.excerpt(r.body()), null);
    }

    ProviderException.BadResponse missing(HttpResponse r, String field, String what) {
        return new ProviderException.BadResponse(CodeshipProviderType.ID, r.code(), "Codeship answered " + r.code()
                + " for " + what + " without '" + field + "': " + transport.excerpt(r.body()), null);
    }

    String redact(String text) {
        return transport.redactor().redact(text);
    }
}
