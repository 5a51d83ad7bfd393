package io.jenkins.plugins.externalbuild.provider;

import java.time.Instant;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * A fully read HTTP answer (the body is bounded by {@link HttpTransport.Settings#maxResponseBytes()}).
 * {@code toString()} is deliberately short and holds no header values, body or query string.
 */
public record HttpResponse(String method, HttpUrl url, int code, Headers headers, String body, Instant receivedAt) {

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
