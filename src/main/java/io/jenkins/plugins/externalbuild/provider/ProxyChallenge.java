package io.jenkins.plugins.externalbuild.provider;

import java.net.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
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

    /** The host's own proxy credentials (Jenkins' proxy configuration): a JVM-wide setting, like the properties. */
    private static volatile Supplier<List<Token>> hostSecrets = List::of;

    /** Registers where the host keeps its proxy credentials, so that every transport redacts them too. */
    public static void hostSecrets(Supplier<List<Token>> source) {
        hostSecrets = Objects.requireNonNull(source, "source");
    }

    /**
     * The proxy secrets, for a {@link Redactor}: of the standard Java proxy properties and of the host's proxy
     * configuration, each password and {@code user:password}, whose base64 is the {@code Proxy-Authorization} value.
     */
    public static List<Token> systemSecrets() {
        List<Token> out = new ArrayList<>();
        for (String scheme : List.of("http", "https")) {
            out.addAll(secrets(System.getProperty(scheme + ".proxyUser"), System.getProperty(scheme + ".proxyPassword")));
        }
        out.addAll(hostSecrets.get());
        return out;
    }

    /** A proxy user's password and {@code user:password}; none without a password or when it cannot be sent. */
    public static List<Token> secrets(String user, String password) {
        List<Token> out = new ArrayList<>();
        try {
            if (password != null && !password.isBlank()) {
                out.add(Token.of(password));
                if (user != null && !user.isBlank()) {
                    out.add(Token.of(user + ":" + password));
                }
            }
        } catch (IllegalArgumentException e) {
            // a control character: such a password is never sent either
        }
        return out;
    }
}
