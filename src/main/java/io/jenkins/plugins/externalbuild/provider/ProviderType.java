package io.jenkins.plugins.externalbuild.provider;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One kind of external CI system (GitLab, Codeship, CodeBuild…): recognizes its build URLs, builds refs
 * from explicit coordinates, and opens connections. Stateless; registered in {@link ProviderRegistry}.
 */
public interface ProviderType {

    /** Lowercase id used in refs, options and credentials: {@code gitlab}. */
    String id();

    /** Name for people: {@code GitLab}. */
    String displayName();

    /**
     * The ref for a web URL as users copy it from their browser, or empty when the URL is not of this
     * provider. A URL that is clearly this provider's but names no build throws
     * {@link IllegalArgumentException} saying what was expected.
     */
    Optional<BuildRef> parseUrl(URI url);

    /** The URL forms {@link #parseUrl} accepts, for error messages and help. */
    List<String> urlForms();

    /** The kinds of build this provider knows ({@code job}, {@code pipeline}…), the first being the default. */
    List<String> kinds();

    /**
     * A ref from explicit coordinates.
     *
     * @param server the web base ({@code https://gitlab.example.com}); providers with a fixed host accept null
     * @throws IllegalArgumentException saying what is missing or malformed
     */
    BuildRef fromCoordinates(String server, String project, String kind, String id);

    /**
     * Whether the provider answers reads without credentials (public projects, a Buildbot master without login).
     * Front ends refuse a missing credential before any request where it does not, and say once that they read
     * anonymously where it does.
     */
    default boolean anonymousReads() {
        return true;
    }

    /** Opens a connection; sends nothing yet. */
    Provider connect(ConnectionSettings settings, ProviderContext context);
}
