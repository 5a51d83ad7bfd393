package io.jenkins.plugins.externalbuild.provider;

import java.io.IOException;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Refuses, before anything is sent, a request that would carry credentials (a sensitive header such as
 * {@code Authorization} or {@code PRIVATE-TOKEN}, or a secret query parameter such as {@code api_key}) over plain
 * http to a host other than loopback: anyone on the network path could read them. Requests without credentials
 * (a Buildbot master without login, a public project) pass. Every client of {@link HttpTransport#clientBuilder}
 * has it; {@link ProviderContext#allowingCleartext()} drops it for a user who said so explicitly
 * ({@code extbuild --allow-http}, an endpoint's "Allow plain http").
 *
 * <p>The refusal is an {@link IllegalArgumentException} (bad input: exit code 2 in the CLI), thrown from the
 * application interceptor, so no connection is opened.
 */
public final class CleartextGuard implements Interceptor {

    static final CleartextGuard INSTANCE = new CleartextGuard();

    private CleartextGuard() {
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!request.isHttps() && !isLoopback(request.url().host()) && carriesCredentials(request)) {
            throw new IllegalArgumentException(message(request.url()));
        }
        return chain.proceed(request);
    }

    /** The message of a refusal; the URL's secrets masked. */
    public static String message(HttpUrl url) {
        return "Refusing to send credentials over plain http to " + Redactor.shapesOnly().redact(url)
                + ": anyone on the network could read them. Use https, or allow plain http explicitly for a network you "
                + "trust (extbuild --allow-http; in Jenkins, the endpoint's \"Allow plain http\")";
    }

    /** {@code localhost}, {@code *.localhost}, 127.0.0.0/8 or ::1. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.\\d{1,3}){3}")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    static boolean carriesCredentials(Request request) {
        for (String name : request.headers().names()) {
            if (Redactor.SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        for (String name : request.url().queryParameterNames()) {
            if (Redactor.SENSITIVE_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** {@code client} without this guard (sharing its pool and threads). */
    static OkHttpClient without(OkHttpClient client) {
        OkHttpClient.Builder b = client.newBuilder();
        b.interceptors().removeIf(i -> i instanceof CleartextGuard);
        return b.build();
    }
}
