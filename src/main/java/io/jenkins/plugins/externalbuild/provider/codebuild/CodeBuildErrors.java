package io.jenkins.plugins.externalbuild.provider.codebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.Json;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies CodeBuild error answers (AWS JSON 1.1). The error type comes from the {@code X-Amzn-Errortype}
 * header, else the body's {@code __type} or {@code code}, cleaned as Smithy's aws-json protocol says: the text
 * after the first {@code #} and before the first {@code :} ({@code aws#ThrottlingException:http://…} →
 * {@code ThrottlingException}). The message is the body's {@code message} or {@code Message}.
 *
 * <p>The HTTP status of some of these is UNVERIFIED for CodeBuild (AccessDenied 400 or 403,
 * UnrecognizedClient 400 or 403): we key on the type and accept either.
 */
final class CodeBuildErrors {

    /** Our pause after a throttled answer when AWS names none: it sends no Retry-After. */
    static final Duration DEFAULT_THROTTLE_DELAY = Duration.ofSeconds(5);

    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling", "ThrottledException",
            "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
            "SlowDown");
    private static final Set<String> CREDENTIALS_REJECTED = Set.of("UnrecognizedClientException",
            "InvalidSignatureException", "ExpiredTokenException", "ExpiredToken", "SignatureDoesNotMatch",
            "IncompleteSignature", "IncompleteSignatureException", "MissingAuthenticationToken",
            "MissingAuthenticationTokenException", "InvalidClientTokenId", "RequestExpired");
    private static final Set<String> NOT_PERMITTED = Set.of("AccessDeniedException", "AccessDenied", "NotAuthorized",
            "OptInRequired");
    private static final Set<String> SERVER_SIDE = Set.of("ServiceUnavailable", "ServiceUnavailableException",
            "InternalFailure", "InternalServerError", "InternalServerException", "InternalError");

    private CodeBuildErrors() {
    }

    /**
     * @param operation the API operation ({@code RetryBuild})
     * @param what      what it was about, for the message ({@code build p:1234})
     */
    static ProviderException classify(HttpResponse r, String operation, String what, HttpTransport http) {
        int code = r.code();
        JsonNode body = parse(r.body());
        String type = errorType(r.header("X-Amzn-Errortype"), body);
        String message = text(body, "message", "Message");
        String detail = http.excerpt(message != null ? message : (body == null ? r.body() : ""));
        String requestId = r.header("X-Amzn-RequestId");
        String msg = "AWS CodeBuild answered " + code + (type.isEmpty() ? "" : " " + type) + " to " + operation
                + " for " + what + (detail.isEmpty() ? "" : ": " + detail)
                + (requestId == null ? "" : " (request id " + http.redactor().redact(requestId.strip()) + ")");
        String p = CodeBuildProviderType.ID;

        if (THROTTLING.contains(type) || (message != null && message.toLowerCase(Locale.ROOT).contains("rate exceeded"))
                || code == 429) {
            Duration wait = http.retryAfter(r).orElse(DEFAULT_THROTTLE_DELAY);
            return new ProviderException.RateLimited(p, code, msg + ". Slowing down; retry after " + wait.toSeconds()
                    + " s.", wait);
        }
        if (CREDENTIALS_REJECTED.contains(type)) {
            return new ProviderException.AuthError(p, code, msg + ". AWS rejected the credentials: check the access key "
                    + "and secret, that a session token has not expired, and this machine's clock.");
        }
        if (NOT_PERMITTED.contains(type)) {
            return new ProviderException.AuthError(p, code, msg + ". The AWS identity needs the IAM permission codebuild:"
                    + operation + " on the project.");
        }
        if ("ResourceNotFoundException".equals(type)) {
            return new ProviderException.NotFound(p, code, msg + ". Check the region and that the credentials belong to "
                    + "the build's account.");
        }
        if ("InvalidInputException".equals(type) && (operation.startsWith("Retry") || operation.startsWith("Stop"))) {
            return new ProviderException.NotRestartable(p, code, msg + (operation.startsWith("Retry")
                    ? ". CodeBuild retries only finished builds (and batches only after they failed)." : "."));
        }
        if ("AccountLimitExceededException".equals(type)) {
            return new ProviderException.Transient(p, code, msg + ". An account quota (such as concurrent builds) is "
                    + "reached; it may pass when other builds end.", null);
        }
        if (SERVER_SIDE.contains(type) || code >= 500 || code == 408) {
            return new ProviderException.Transient(p, code, msg, null);
        }
        if (code == 401 || code == 403) {
            return new ProviderException.AuthError(p, code, msg + ". The AWS credentials were refused.");
        }
        if (code == 404) {
            return new ProviderException.NotFound(p, code, msg + ". Check the region and the API URL.");
        }
        return new ProviderException.BadResponse(p, code, msg, null);
    }

    /** The cleaned error type, or empty. */
    static String errorType(String header, JsonNode body) {
        String raw = header != null && !header.isBlank() ? header : text(body, "__type", "code");
        if (raw == null) {
            return "";
        }
        String t = raw.strip();
        int colon = t.indexOf(':');
        if (colon >= 0) {
            t = t.substring(0, colon);
        }
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(hash + 1);
        }
        return t.strip();
    }

    private static String text(JsonNode body, String... fields) {
        if (body == null) {
            return null;
        }
        for (String f : fields) {
            JsonNode v = body.get(f);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
