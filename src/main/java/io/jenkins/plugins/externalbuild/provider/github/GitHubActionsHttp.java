package io.jenkins.plugins.externalbuild.provider.github;

import io.jenkins.plugins.externalbuild.provider.ApiUrls;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.RetryAfter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Requests to the GitHub REST API and the classification of its answers.
 *
 * <p>Headers as docs.github.com recommends: {@code Authorization: Bearer TOKEN}, {@code Accept:
 * application/vnd.github+json}, {@code X-GitHub-Api-Version: 2022-11-28}. Errors ("Rate limits for the REST API",
 * "Troubleshooting the REST API"): a primary rate limit is 403 or 429 with {@code x-ratelimit-remaining: 0} until
 * {@code x-ratelimit-reset} (epoch seconds); a secondary rate limit is 403 or 429 with a message saying so and
 * maybe {@code retry-after}, else "wait for at least one minute"; any other 403 is a missing permission (or a
 * refused re-run); 404 also hides private repositories the token cannot see.
 */
final class GitHubActionsHttp {

    static final String API_VERSION = "2022-11-28";
    static final String ACCEPT = "application/vnd.github+json";
    /** What GitHub asks after a secondary rate limit without {@code retry-after}. */
    static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);

    /** Texts of the 403 that refuse a re-run (cli/cli #9221, #9989, #10774; metabase/metabase#70916). */
    private static final List<String> RERUN_REFUSALS = List.of("already running", "cannot be retried", "cannot be rerun",
            "cannot be re-run", "over a month ago", "unable to retry");

    private final HttpTransport http;
    private final String token;
    private final URI apiOverride;

    GitHubActionsHttp(HttpTransport http, String token, URI apiOverride) {
        this.http = http;
        this.token = token;
        this.apiOverride = apiOverride;
    }

    HttpTransport transport() {
        return http;
    }

    /** {@code BASE/repos/OWNER/REPO} for a web base: the configured API base, else derived from the server. */
    HttpUrl.Builder repo(String server, String project) {
        String text = apiOverride != null ? apiOverride.toString() : GitHubActionsProviderType.apiBase(server);
        HttpUrl.Builder b = ApiUrls.base(text, "GitHub").newBuilder().addPathSegment("repos");
        for (String part : project.split("/", 2)) {
            b.addPathSegment(part);
        }
        return b;
    }

    Request get(HttpUrl url) {
        return headers(new Request.Builder().url(url).get()).build();
    }

    Request post(HttpUrl url) {
        return headers(new Request.Builder().url(url).post(RequestBody.create(new byte[0]))).build();
    }

    private Request.Builder headers(Request.Builder b) {
        b.header("Accept", ACCEPT).header("X-GitHub-Api-Version", API_VERSION);
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    /** Sends the request; a non-2xx answer becomes the classified failure. */
    HttpResponse send(Request request, String what) throws ProviderException {
        HttpResponse r = http.execute(request);
        if (r.successful()) {
            return r;
        }
        throw classify(r, what);
    }

    <T> T read(HttpResponse r, Class<T> type) throws ProviderException {
        return Json.read(Json.SNAKE, r, type, http);
    }

    /** The server's time of an answer (its {@code Date} header), else when we received it. */
    static Instant serverTime(HttpResponse r) {
        String date = r.header("Date");
        if (date != null) {
            try {
                return ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // fall back to our clock
            }
        }
        return r.receivedAt();
    }

    ProviderException classify(HttpResponse r, String what) {
        int code = r.code();
        boolean post = "POST".equals(r.method());
        String detail = http.excerpt(r.body());
        String head = "GitHub answered " + code + " for " + what + " (" + r.method() + " " + http.redactor().redact(r.url()) + ")"
                + (detail.isEmpty() ? "" : ": " + detail);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (code == 403 || code == 429) {
            String remaining = r.header("x-ratelimit-remaining");
            if (remaining != null && remaining.trim().equals("0")) {
                Optional<Duration> wait = RetryAfter.parse(r.headers(), serverTime(r), "x-ratelimit-reset");
                return new ProviderException.RateLimited(GitHubActionsProviderType.ID, code, head + ". The token's API rate limit "
                        + "is used up" + wait.map(d -> "; it resets in " + d.toSeconds() + " s.").orElse("."), wait.orElse(null));
            }
            if (r.header("retry-after") != null || lower.contains("secondary rate limit") || code == 429) {
                Duration wait = RetryAfter.parse(r.headers(), serverTime(r)).orElse(SECONDARY_LIMIT_WAIT);
                return new ProviderException.RateLimited(GitHubActionsProviderType.ID, code, head + ". GitHub's secondary rate "
                        + "limit: retry after " + wait.toSeconds() + " s.", wait);
            }
        }
        if (code == 401) {
            return new ProviderException.AuthError(GitHubActionsProviderType.ID, code, head + ". GitHub refused the token: "
                    + "check that it is complete and has not expired or been revoked.");
        }
        if (code == 403 && post && RERUN_REFUSALS.stream().anyMatch(lower::contains)) {
            return new ProviderException.NotRestartable(GitHubActionsProviderType.ID, code, head + ".");
        }
        if (code == 403) {
            return new ProviderException.AuthError(GitHubActionsProviderType.ID, code, head + ". The token lacks a permission: "
                    + "a fine-grained token needs 'Actions: Read and write' on this repository, a classic token the 'repo' scope.");
        }
        if (code == 404) {
            return new ProviderException.NotFound(GitHubActionsProviderType.ID, code, head + ". GitHub also answers 404 when the "
                    + "token cannot see a private repository: check the URL, and that the token has access to the repository "
                    + "(fine-grained: the repository selected and 'Actions' permission; classic: the 'repo' scope).");
        }
        if (post && code == 409) {
            return new ProviderException.NotRestartable(GitHubActionsProviderType.ID, code, head + (what.startsWith("cancel")
                    ? ". The run has already ended: there is nothing to cancel." : "."));
        }
        if (post && code == 422) {
            return new ProviderException.NotRestartable(GitHubActionsProviderType.ID, code, head + ".");
        }
        return http.classify(r, what);
    }
}
