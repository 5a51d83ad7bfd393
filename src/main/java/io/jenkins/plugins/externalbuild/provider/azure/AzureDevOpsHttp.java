package io.jenkins.plugins.externalbuild.provider.azure;

import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Requests to Azure DevOps and how its answers fail. Authenticates with a personal access token as HTTP Basic
 * with an empty user name ({@code Authorization: Basic base64(":" + PAT)}); the base64 form is registered with the
 * redactor too, since it is the token in another spelling.
 *
 * <p>Azure's own ways of saying no, beyond the status code (learn.microsoft.com "Rate and usage limits",
 * "Authenticate with personal access tokens"):
 * <ul>
 *   <li>a wrong, expired or revoked PAT is often answered {@code 203 Non-Authoritative Information} with an HTML
 *       sign-in page instead of 401, or redirected to a sign-in page: both are {@link ProviderException.AuthError};</li>
 *   <li>a delayed request still gets 200, with {@code Retry-After} (and {@code X-RateLimit-Delay}): the answer is
 *       good and is used, and the account's budget pauses for that long; a blocked one gets 429 (TF400733).</li>
 * </ul>
 */
final class AzureDevOpsHttp {

    static final String API_VERSION = "7.1";
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpTransport http;
    private final String authorization;

    AzureDevOpsHttp(HttpTransport transport, ProviderCredentials credentials) {
        String basic = basic(credentials);
        this.authorization = basic == null ? null : "Basic " + basic;
        this.http = basic == null ? transport : transport.withSecret(Token.of(basic));
    }

    private static String basic(ProviderCredentials credentials) {
        if (credentials instanceof ProviderCredentials.TokenCredentials t) {
            return encode(":" + t.token().reveal());
        }
        if (credentials instanceof ProviderCredentials.UsernamePassword up) {
            return encode(up.username() + ":" + up.password().reveal());
        }
        if (credentials instanceof ProviderCredentials.None) {
            return null;
        }
        throw new IllegalArgumentException("Azure DevOps authenticates with a personal access token (scope Build: "
                + "Read & execute), not AWS credentials");
    }

    private static String encode(String userAndPassword) {
        return java.util.Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    HttpTransport transport() {
        return http;
    }

    Request get(HttpUrl url) {
        return auth(new Request.Builder().url(url).get()).build();
    }

    Request patch(HttpUrl url, String json) {
        return auth(new Request.Builder().url(url).patch(RequestBody.create(json, JSON))).build();
    }

    /** A PATCH with an empty body ({@code Content-Length: 0}, no content type): the retry of a build takes none. */
    Request patch(HttpUrl url) {
        return auth(new Request.Builder().url(url).patch(RequestBody.create(new byte[0]))).build();
    }

    Request post(HttpUrl url, String json) {
        return auth(new Request.Builder().url(url).post(RequestBody.create(json, JSON))).build();
    }

    private Request.Builder auth(Request.Builder b) {
        b.header("Accept", "application/json");
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    /** Sends the request; returns a 2xx JSON answer, or throws the classified failure. */
    HttpResponse send(Request request, String what) throws ProviderException {
        HttpResponse r = http.execute(request);
        if (r.successful() && !signInPage(r)) {
            honourDelay(r);
            return r;
        }
        String head = "Azure DevOps answered " + r.code() + " for " + what + " (" + request.method() + " "
                + http.redactor().redact(r.url()) + ")";
        if (signInPage(r) || r.code() == 401) {
            throw new ProviderException.AuthError(AzureDevOpsProviderType.ID, r.code(), head + (r.code() == 401 ? "" : " with a sign-in page")
                    + ": the personal access token was not accepted. Check that it is right, not expired or revoked, and "
                    + "belongs to this organization.");
        }
        if (r.code() == 403) {
            throw new ProviderException.AuthError(AzureDevOpsProviderType.ID, 403, head + detail(r)
                    + ". The token lacks a permission: it needs the scope Build (Read & execute) and access to the project.");
        }
        if (!"GET".equals(request.method()) && (r.code() == 400 || r.code() == 409)) {
            throw new ProviderException.NotRestartable(AzureDevOpsProviderType.ID, r.code(), head + detail(r)
                    + ". Azure DevOps refused the change in the build's current state.");
        }
        throw http.classify(r, what);
    }

    private String detail(HttpResponse r) {
        String excerpt = http.excerpt(r.body());
        return excerpt.isEmpty() ? "" : ": " + excerpt;
    }

    /**
     * 203 (Azure's answer to an unknown PAT), a 2xx HTML page, or a redirect to a sign-in page: no JSON API answers
     * with HTML.
     */
    private static boolean signInPage(HttpResponse r) {
        if (r.code() == 203) {
            return true;
        }
        String type = Optional.ofNullable(r.header("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        if (r.successful() && type.startsWith("text/html")) {
            return true;
        }
        String location = Optional.ofNullable(r.header("Location")).orElse("").toLowerCase(Locale.ROOT);
        return r.code() >= 300 && r.code() < 400 && (location.contains("signin") || location.contains("login"));
    }

    /** A delayed request: Azure still answers, and asks the next one to wait (Retry-After on a 200). */
    private void honourDelay(HttpResponse r) {
        if (r.header("Retry-After") == null) {
            return;
        }
        Optional<Duration> wait = http.retryAfter(r);
        wait.ifPresent(d -> http.budget().pause(r.receivedAt().plus(d)));
    }
}
