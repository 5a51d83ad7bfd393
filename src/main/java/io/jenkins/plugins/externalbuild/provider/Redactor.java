package io.jenkins.plugins.externalbuild.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Removes secrets from text before it reaches a log line, an exception message, a {@code toString()} or a
 * result. Two layers: the known secret values of the current credentials are replaced wherever they
 * appear, and secret-bearing shapes are masked whatever their value (sensitive headers, query
 * parameters such as Codeship's {@code api_key}, AWS signatures and security tokens, URL user info).
 */
public final class Redactor {

    /** Headers whose value is a secret. Compared case-insensitively. */
    public static final Set<String> SENSITIVE_HEADERS = Set.of(
            "authorization", "proxy-authorization", "private-token", "job-token", "circle-token", "x-api-key",
            "cookie", "set-cookie", "x-amz-security-token", "x-buildkite-token");

    /** Query parameters whose value is a secret. Compared case-insensitively. */
    public static final Set<String> SENSITIVE_PARAMETERS = Set.of(
            "api_key", "apikey", "token", "access_token", "private_token", "password", "circle-token",
            "x-amz-signature", "x-amz-security-token", "x-amz-credential", "signature");

    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)([?&;](?:api_key|apikey|token|access_token|private_token|password|circle-token|x-amz-signature"
                    + "|x-amz-security-token|x-amz-credential|signature)=)[^&#\\s\"']*");
    private static final Pattern HEADER_SECRET = Pattern.compile(
            "(?im)^(\\s*(?:authorization|proxy-authorization|private-token|job-token|circle-token|x-api-key|cookie"
                    + "|set-cookie|x-amz-security-token|x-buildkite-token)\\s*:\\s*).*$");
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
    // GitHub's "Authorization: token …": only long values, so that prose such as "token authentication" stays.
    private static final Pattern TOKEN_SCHEME = Pattern.compile("(?i)\\b(token)\\s+[A-Za-z0-9._~+/=-]{20,}");
    private static final Pattern AWS_SIGNATURE = Pattern.compile("(?i)(Signature=)[0-9a-f]{16,}");
    /** SigV4's {@code Credential=AKID/date/region/service/aws4_request}: the key id names a user. */
    private static final Pattern AWS_CREDENTIAL = Pattern.compile("(?i)(Credential=)[^,&\\s\"']+");
    /** A security token anywhere in a line, not only as a header line: {@code {X-Amz-Security-Token=…}}. */
    private static final Pattern AWS_TOKEN_INLINE = Pattern.compile("(?i)(x-amz-security-token[\"']?\\s*[=:]\\s*[\"']?)[^,;&\\s\"'}\\]]+");
    // Everything up to the last '@' of the authority: a user alone (a token), or a password containing '@'.
    private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b(https?://)[^/\\s?#]+@");
    private static final Pattern JSON_SECRET = Pattern.compile(
            "(?i)(\"(?:access_token|token|password|api_key|secret|private_token|SecretAccessKey|SessionToken)\"\\s*:\\s*\")"
                    + "(?:[^\"\\\\]|\\\\.)*(\")");

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /**
     * A redactor for the given secrets (and all secret-bearing shapes). Each secret is matched as it is and in
     * every encoding the product sends or a server may echo: URL-encoded (query parameters, path segments, form bodies),
     * JSON-escaped, and base64 as in HTTP Basic, alone and after a colon (Azure DevOps sends {@code ":" + PAT}); a
     * user name and password are registered as {@code user:password} too (see
     * {@link ProviderCredentials.UsernamePassword#secrets()}), so their Basic form is matched.
     */
    public static Redactor of(List<Token> tokens) {
        return new Redactor(sorted(new ArrayList<>(), tokens));
    }

    private static List<String> sorted(List<String> values, List<Token> tokens) {
        Set<String> all = new LinkedHashSet<>(values);
        for (Token t : tokens) {
            all.addAll(forms(t.reveal()));
        }
        List<String> out = new ArrayList<>(all);
        // Longest first, so that a secret containing another is replaced whole.
        out.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(out);
    }

    /** The secret and its encoded forms. */
    static Set<String> forms(String secret) {
        Set<String> out = new LinkedHashSet<>();
        out.add(secret);
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        out.add(url);
        out.add(url.replace("+", "%20"));
        // OkHttp's own encodings, as a query parameter value and as a path segment (they leave '/', '+' or ':' alone).
        HttpUrl encoded = new HttpUrl.Builder().scheme("http").host("h").addPathSegment(secret)
                .addQueryParameter("k", secret).build();
        out.add(encoded.encodedQuery().substring(2));
        out.add(encoded.encodedPath().substring(1));
        String json = secret.replace("\\", "\\\\").replace("\"", "\\\"");
        out.add(json);
        out.add(json.replace("/", "\\/"));
        StringBuilder ascii = new StringBuilder();
        json.chars().forEach(c -> ascii.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        out.add(ascii.toString());
        for (String plain : List.of(secret, ":" + secret)) {
            byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
            String b64 = Base64.getEncoder().encodeToString(bytes);
            out.add(b64);
            out.add(b64.replaceAll("=+$", ""));
            out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return out;
    }

    /** A redactor that knows no particular secret, only the secret-bearing shapes. */
    public static Redactor shapesOnly() {
        return new Redactor(List.of());
    }

    /** This redactor plus more secrets (such as a session token obtained later). */
    public Redactor with(Token token) {
        return new Redactor(sorted(secrets, List.of(token)));
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret.length() >= 4) {
                out = out.replace(secret, Token.MASK);
            }
        }
        out = QUERY_SECRET.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(Token.MASK));
        out = HEADER_SECRET.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(Token.MASK));
        out = AUTH_SCHEME.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(Token.MASK));
        out = TOKEN_SCHEME.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(Token.MASK));
        out = AWS_SIGNATURE.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(Token.MASK));
        out = AWS_CREDENTIAL.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(Token.MASK));
        out = AWS_TOKEN_INLINE.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(Token.MASK));
        out = URL_USERINFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(Token.MASK) + "@");
        out = JSON_SECRET.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(Token.MASK) + "$2");
        return out;
    }

    /** A URL for messages: user info dropped, secret query values masked. */
    public String redact(HttpUrl url) {
        HttpUrl.Builder b = url.newBuilder().username("").password("");
        for (String name : url.queryParameterNames()) {
            if (SENSITIVE_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                b.setQueryParameter(name, Token.MASK);
            }
        }
        return redact(b.build().toString());
    }

    /** Headers for debugging output, sensitive values masked. */
    public String redact(Headers headers) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String value = SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? Token.MASK : redact(headers.value(i));
            sb.append(name).append(": ").append(value).append('\n');
        }
        return sb.toString();
    }
}
