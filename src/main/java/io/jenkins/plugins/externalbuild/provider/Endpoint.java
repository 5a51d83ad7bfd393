package io.jenkins.plugins.externalbuild.provider;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A named server of a provider, as configured once by an administrator (a self-hosted GitLab, a GitHub
 * Enterprise host): its web base, an optional API base, and the id of its default credentials.
 *
 * @param apiBase overrides the API base derived from the server; {@code null} for the default
 * @param credentialsId credentials used when a step names none; {@code null} for none
 * @param allowHttp whether credentials may go to this endpoint over plain http (see {@link CleartextGuard})
 */
public record Endpoint(String name, String provider, String server, URI apiBase, String credentialsId, boolean allowHttp) {

    /** An endpoint reached over https (or loopback) only. */
    public Endpoint(String name, String provider, String server, URI apiBase, String credentialsId) {
        this(name, provider, server, apiBase, credentialsId, false);
    }

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        server = server == null ? null : stripSlash(server.trim());
    }

    /** Whether {@code webBase} (scheme, host and port, as a {@code BuildRef} carries it) is this endpoint's server. */
    public boolean serves(String providerId, String webBase) {
        return server != null && provider.equals(providerId)
                && stripSlash(server).toLowerCase(Locale.ROOT).equals(stripSlash(webBase).toLowerCase(Locale.ROOT));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
