package io.jenkins.plugins.externalbuild.provider;

import java.net.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Challenge;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * How every OkHttp client of the product answers a proxy's authentication challenge (the CLI's, from the
 * {@code http(s).proxyUser}/{@code http(s).proxyPassword} properties, and Jenkins', from its proxy configuration).
 * The proxy credentials go only to a proxy that asked for them, and only in the scheme it asked for:
 * <ul>
 *   <li>only a 407 answering the {@code CONNECT} of an https tunnel: that answer comes from the proxy itself,
 *       while a 407 to a plain-http request may come from the origin server behind the proxy;</li>
 *   <li>only when a {@code Proxy-Authenticate} challenge asks for {@code Basic} (OkHttp's pre-emptive probe,
 *       scheme {@code OkHttp-Preemptive}, and other schemes get nothing);</li>
 *   <li>once: a challenge to a request that already carried them gives up instead of looping.</li>
 * </ul>
 */
public final class ProxyChallenge {

    private ProxyChallenge() {
    }

    /** The request to retry with proxy credentials, or {@code null} to give up with the 407. */
    public static Request answer(Route route, Response response, String user, String password) {
        if (user == null || user.isEmpty() || password == null || response.code() != 407
                || route == null || route.proxy().type() != Proxy.Type.HTTP
                || !"CONNECT".equals(response.request().method())
                || response.request().header("Proxy-Authorization") != null) {
            return null;
        }
        for (Challenge c : response.challenges()) {
            if ("basic".equals(c.scheme().toLowerCase(Locale.ROOT))) {
                return response.request().newBuilder()
                        .header("Proxy-Authorization", Credentials.basic(user, password, c.charset())).build();
            }
        }
        return null;
    }

    /**
     * The proxy secrets of the standard Java proxy properties, for a {@link Redactor}: each password, and
     * {@code user:password} whose base64 is the {@code Proxy-Authorization} value.
     */
    public static List<Token> systemSecrets() {
        List<Token> out = new ArrayList<>();
        for (String scheme : List.of("http", "https")) {
            String user = System.getProperty(scheme + ".proxyUser");
            String password = System.getProperty(scheme + ".proxyPassword");
            if (password != null && !password.isBlank()) {
                out.add(Token.of(password));
                if (user != null && !user.isBlank()) {
                    out.add(Token.of(user + ":" + password));
                }
            }
        }
        return out;
    }
}
