package io.jenkins.plugins.externalbuild.provider;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a provider: an API base that overrides the one derived from the build URL (self-hosted
 * servers, tests), the credentials, and provider options such as GitLab's {@code apiVersion}.
 * Printing it never shows a secret ({@link Token} masks itself).
 */
public record ConnectionSettings(URI apiBase, ProviderCredentials credentials, Map<String, String> options) {

    public ConnectionSettings {
        Objects.requireNonNull(credentials, "credentials");
        options = Map.copyOf(options == null ? Map.of() : options);
    }

    public static ConnectionSettings of(ProviderCredentials credentials) {
        return new ConnectionSettings(null, credentials, Map.of());
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }
}
