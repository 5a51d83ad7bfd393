package io.jenkins.plugins.externalbuild.provider;

import java.time.Instant;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * A fully read HTTP answer (the body is bounded by {@link HttpTransport.Settings#maxResponseBytes()}).
 * {@code toString()} is deliberately short and holds no header values, body or query string.
 *
 * @param reason the HTTP/1.1 reason phrase ({@code "Rate Limit Exceeded"}), empty when there was none (HTTP/2);
 *               some providers signal with it what the status code alone does not
 */
public record HttpResponse(String method, HttpUrl url, int code, String reason, Headers headers, String body,
                           Instant receivedAt) {

    public HttpResponse {
        reason = reason == null ? "" : reason;
    }

    /** An answer without a reason phrase. */
    public HttpResponse(String method, HttpUrl url, int code, Headers headers, String body, Instant receivedAt) {
        this(method, url, code, "", headers, body, receivedAt);
    }

    public boolean successful() {
        return code >= 200 && code < 300;
    }

    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        return "HttpResponse{" + method + " " + url.scheme() + "://" + url.host() + url.encodedPath() + " -> " + code + "}";
    }
}
