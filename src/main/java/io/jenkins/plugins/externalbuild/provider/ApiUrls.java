package io.jenkins.plugins.externalbuild.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import okhttp3.HttpUrl;

/** Small parsing every provider needs: its API base and the ISO-8601 times in its answers. */
public final class ApiUrls {

    private ApiUrls() {
    }

    /**
     * {@code text} (an override or the provider's default base) as a URL, trailing slashes dropped.
     *
     * @throws IllegalArgumentException naming the provider when it is not an http(s) URL
     */
    public static HttpUrl base(String text, String displayName) {
        HttpUrl u = HttpUrl.parse(text.replaceAll("/+$", ""));
        if (u == null) {
            throw new IllegalArgumentException(displayName + " API base '" + text + "' is not an http(s) URL");
        }
        return u;
    }

    /**
     * A self-hosted server's web base given as coordinates ({@code --server}): an http(s) URL with a host.
     *
     * @param text what to parse (after defaults and trimming)
     * @param shown what the user gave, for the message
     * @throws IllegalArgumentException "{@code <displayName> server '<shown>' is not a URL like <example>}"
     */
    public static URI webServer(String text, String shown, String displayName, String example) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(displayName + " server '" + shown + "' is not a URL like " + example);
        }
        return uri;
    }

    /** An ISO-8601 time with offset ({@code 2024-05-14T10:00:05.733Z}); empty when absent or unreadable. */
    public static Optional<Instant> time(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty(); // timing hints only: never fail a status read on them
        }
    }
}
