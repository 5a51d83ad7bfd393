package io.jenkins.plugins.externalbuild.provider.buildkite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Buildkite's answers, classified, and its per-user rate limit fed to the account's budget.
 *
 * <ul>
 *   <li>401/403: the token is invalid, or lacks a scope ({@code read_builds}, {@code write_builds}) or the
 *       organization (managing_api_tokens.md).</li>
 *   <li>404: no such organization, pipeline or build, or one the token cannot see.</li>
 *   <li>429: rate limited. {@code RateLimit-Reset} and {@code RateLimit-User-Reset} hold <em>seconds from now</em>
 *       (rate_limits.md), not Unix time, so the transport's generic reading does not apply; the body's {@code reset}
 *       is the fallback.</li>
 *   <li>400/422 to a PUT (rebuild, retry, cancel): Buildkite refuses it in the build's state ("Only failed, timed out or
 *       canceled jobs can be retried", "Jobs from canceled builds cannot be retried", "Reason why the build could
 *       not be canceled"): {@link ProviderException.NotRestartable}.</li>
 *   <li>5xx: transient; anything else: the transport's default.</li>
 * </ul>
 */
final class BuildkiteErrors {

    private static final String ID = BuildkiteProviderType.ID;
    private static final String SCOPES = "Buildkite needs an API access token sent as 'Authorization: Bearer', with the "
            + "read_builds scope, and write_builds to restart or cancel, for this organization";

    private final HttpTransport http;
    private final Clock clock;

    BuildkiteErrors(HttpTransport http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * Every answer also carries the per-user limit ({@code RateLimit-User-Remaining}, 50 a minute by default), usually
     * tighter than the organization's that the transport already told the budget; the budget is per token, that is
     * per user, so the lower of the two paces it.
     */
    void observeUserLimit(HttpResponse r) {
        OptionalLong userLeft = number(r.header("RateLimit-User-Remaining"));
        OptionalLong userReset = number(r.header("RateLimit-User-Reset"));
        if (userLeft.isEmpty() || userReset.isEmpty()) {
            return;
        }
        OptionalLong orgLeft = number(r.header("RateLimit-Remaining"));
        if (orgLeft.isEmpty() || userLeft.getAsLong() < orgLeft.getAsLong()) {
            Instant now = clock.instant();
            http.budget().observe(now, userLeft.getAsLong(), now.plus(clamp(userReset.getAsLong())));
        }
    }

    /**
     * @param what the thing asked about, for the message ({@code "rebuild of build 42 of acme/app"})
     */
    ProviderException classify(HttpResponse r, String what, boolean change) {
        int code = r.code();
        String detail = http.excerpt(r.body());
        String head = "Buildkite answered " + code + " for " + what + " (" + r.method() + " " + http.redactor().redact(r.url())
                + ")" + (detail.isEmpty() ? "" : ": " + detail);
        if (code == 401) {
            return new ProviderException.AuthError(ID, code, head + ". The token was rejected: " + SCOPES + ".");
        }
        if (code == 403) {
            return new ProviderException.AuthError(ID, code, head + ". The token lacks a permission: " + SCOPES + ".");
        }
        if (code == 404) {
            return new ProviderException.NotFound(ID, code, head + ". Check ORG/PIPELINE and the build number, and that the "
                    + "token has access to the organization.");
        }
        if (code == 429) {
            Duration wait = retryAfter(r);
            http.budget().pause(clock.instant().plus(wait));
            return new ProviderException.RateLimited(ID, code, head + ". Buildkite's rate limit is reached; retry after "
                    + wait.toSeconds() + " s.", wait);
        }
        if (change && (code == 400 || code == 422)) {
            return new ProviderException.NotRestartable(ID, code, head + (what.startsWith("cancel")
                    ? ". Buildkite cancels only a scheduled, running or failing build; this one has probably finished."
                    : ". Buildkite will not do this in the build's current state."));
        }
        return http.classify(r, what);
    }

    /** Retry-After when sent, else the longer of the two reset headers (seconds from now), else the body's reset. */
    Duration retryAfter(HttpResponse r) {
        Optional<Duration> header = RetryAfter.parse(r.headers(), clock.instant());
        if (header.isPresent()) {
            return header.get();
        }
        long seconds = -1;
        for (String name : new String[] {"RateLimit-Reset", "RateLimit-User-Reset"}) {
            OptionalLong v = number(r.header(name));
            if (v.isPresent()) {
                seconds = Math.max(seconds, v.getAsLong());
            }
        }
        if (seconds < 0) {
            seconds = bodyReset(r.body()).orElse(60);
        }
        return clamp(seconds);
    }

    private static OptionalLong bodyReset(String body) {
        try {
            JsonNode node = body == null ? null : Json.MAPPER.readTree(body);
            JsonNode reset = node == null ? null : node.get("reset");
            return reset != null && reset.canConvertToLong() ? OptionalLong.of(reset.asLong()) : OptionalLong.empty();
        } catch (JsonProcessingException e) {
            return OptionalLong.empty();
        }
    }

    private static Duration clamp(long seconds) {
        Duration d = Duration.ofSeconds(Math.max(0, seconds));
        return d.compareTo(RetryAfter.MAX) > 0 ? RetryAfter.MAX : d;
    }

    private static OptionalLong number(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
