package io.jenkins.plugins.externalbuild.provider;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The build a step or build step names, with how to reach it: resolved from a pasted URL or from explicit
 * coordinates, and from the configured {@link Endpoint}s (named explicitly, or matched by the URL's server).
 * Nothing is sent. Every refusal is an {@link IllegalArgumentException} with one sentence for the user.
 *
 * @param apiBase the API base to use instead of the one derived from the build's server; may be {@code null}
 * @param credentialsId the credentials to use (the step's, else the endpoint's default); may be {@code null}
 * @param allowHttp whether the endpoint allows credentials over plain http ({@link ProviderContext#allowingCleartext()})
 */
public record BuildTarget(BuildRef ref, URI apiBase, String credentialsId, boolean allowHttp) {

    public BuildTarget {
        Objects.requireNonNull(ref, "ref");
    }

    public BuildTarget(BuildRef ref, URI apiBase, String credentialsId) {
        this(ref, apiBase, credentialsId, false);
    }

    /** What a step or build step says about its build; blank strings count as absent. */
    public record Input(String url, String endpoint, String provider, String server, String project, String kind,
                        String id, String credentialsId) {

        public static Input ofUrl(String url, String credentialsId) {
            return new Input(url, null, null, null, null, null, null, credentialsId);
        }
    }

    /** Resolves {@code input}; {@code endpoints} are the configured ones. */
    public static BuildTarget resolve(Input input, ProviderRegistry registry, List<Endpoint> endpoints) {
        String url = blankToNull(input.url());
        Endpoint named = null;
        if (blankToNull(input.endpoint()) != null) {
            named = endpoints.stream().filter(e -> e.name().equals(input.endpoint().trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No endpoint named '" + input.endpoint().trim()
                            + "' is configured (Manage Jenkins → System → External builds)"));
        }
        boolean coordinates = blankToNull(input.project()) != null || blankToNull(input.id()) != null
                || blankToNull(input.kind()) != null || blankToNull(input.server()) != null;
        BuildRef ref;
        if (url != null) {
            if (coordinates) {
                throw new IllegalArgumentException("Give either url or project/kind/id/server, not both");
            }
            ref = parse(url, registry, blankToNull(input.provider()));
        } else {
            String providerId = blankToNull(input.provider()) != null ? input.provider().trim()
                    : named != null ? named.provider() : null;
            if (providerId == null || blankToNull(input.id()) == null) {
                throw new IllegalArgumentException("No build given: set url to the build's web URL, or provider "
                        + "(or endpoint), project and id");
            }
            String server = blankToNull(input.server()) != null ? input.server().trim() : named != null ? named.server() : null;
            ref = registry.fromCoordinates(providerId, server, input.project(), blankToNull(input.kind()),
                    input.id().trim());
        }
        Endpoint endpoint = named != null ? named
                : endpoints.stream().filter(e -> e.serves(ref.provider(), ref.server())).findFirst().orElse(null);
        if (named != null && !named.provider().equals(ref.provider())) {
            throw new IllegalArgumentException("Endpoint '" + named.name() + "' is a " + named.provider()
                    + " server, but the build is a " + ref.provider() + " build");
        }
        String credentialsId = blankToNull(input.credentialsId()) != null ? input.credentialsId().trim()
                : endpoint == null ? null : blankToNull(endpoint.credentialsId());
        return new BuildTarget(ref, endpoint == null ? null : endpoint.apiBase(), credentialsId,
                endpoint != null && endpoint.allowHttp());
    }

    /** For form validation: why {@code url} names no build, or empty when it does (or is blank). */
    public static Optional<String> checkUrl(String url, ProviderRegistry registry) {
        if (blankToNull(url) == null) {
            return Optional.empty();
        }
        try {
            parse(url, registry, null);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** For form validation: why {@code apiUrl} is not an http(s) base URL, or empty. */
    public static Optional<String> checkHttpUrl(String value, String what) {
        if (blankToNull(value) == null) {
            return Optional.empty();
        }
        try {
            URI u = new URI(value.trim());
            boolean web = ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null;
            if (!web) {
                return Optional.of(what + " must be an http(s) URL such as https://gitlab.example.com");
            }
            if (u.getUserInfo() != null) {
                return Optional.of(what + " must not contain credentials (user:password@); pass them through the credentials "
                        + "store or the environment");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(what + " is not a URL: " + e.getReason());
        }
    }

    private static BuildRef parse(String url, ProviderRegistry registry, String provider) {
        if (provider == null) {
            return registry.parse(url);
        }
        return new ProviderRegistry(List.of(registry.type(provider))).parse(url);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
