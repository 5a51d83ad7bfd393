package io.jenkins.plugins.externalbuild.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Credentials a provider authenticates with. Secrets are {@link Token}s, so printing any of these never
 * shows one. Each provider says which forms it accepts.
 */
public sealed interface ProviderCredentials {

    /** The secret values, for registration with a {@link Redactor}. */
    List<Token> secrets();

    /** No credentials: public projects, or servers without authentication. */
    record None() implements ProviderCredentials {
        @Override
        public List<Token> secrets() {
            return List.of();
        }
    }

    /**
     * One bearer-style secret: an access token, a personal access token, an API key. It travels as an HTTP header
     * value, so it must be printable ASCII (every provider's tokens are); anything else is refused here, by position,
     * before the HTTP client would refuse it quoting the value.
     */
    record TokenCredentials(Token token) implements ProviderCredentials {
        public TokenCredentials {
            Objects.requireNonNull(token, "token");
            String v = token.reveal();
            for (int i = 0; i < v.length(); i++) {
                if (v.charAt(i) < 0x20 || v.charAt(i) > 0x7e) {
                    throw new IllegalArgumentException("the token has a character other than printable ASCII at position "
                            + (i + 1) + "; tokens are sent as HTTP header values");
                }
            }
        }

        @Override
        public List<Token> secrets() {
            return List.of(token);
        }
    }

    /** A user name and a password (the user name is not secret). */
    record UsernamePassword(String username, Token password) implements ProviderCredentials {
        public UsernamePassword {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        /** The password, and {@code user:password}: its base64 is what HTTP Basic sends, and servers echo. */
        @Override
        public List<Token> secrets() {
            return List.of(password, Token.of(username + ":" + password.reveal()));
        }
    }

    /**
     * AWS credentials for SigV4-signed APIs (CodeBuild). Without an access key id, the AWS SDK's default chain
     * finds them (environment, {@code ~/.aws} profiles, SSO, web identity, container and instance roles), from
     * {@code profile} when one is named. With {@code roleArn}, those credentials assume that IAM role through STS.
     * {@link #toString()} masks the access key id too.
     *
     * @param accessKeyId  null for the default chain; otherwise {@code secretAccessKey} is required
     * @param sessionToken only with explicit keys, for temporary ones ({@code ASIA…}); may be null
     * @param roleArn      an IAM role to assume, or null
     * @param profile      a named profile of the shared AWS config files, or null (only without explicit keys)
     */
    record Aws(String accessKeyId, Token secretAccessKey, Token sessionToken, String roleArn, String profile)
            implements ProviderCredentials {
        public Aws {
            accessKeyId = blankToNull(accessKeyId);
            roleArn = blankToNull(roleArn);
            profile = blankToNull(profile);
            if ((accessKeyId == null) != (secretAccessKey == null)) {
                throw new IllegalArgumentException("AWS credentials need both the access key id and the secret access key, "
                        + "or neither (then the AWS default credentials chain is used)");
            }
            if (sessionToken != null && accessKeyId == null) {
                throw new IllegalArgumentException("An AWS session token needs the access key id and secret access key it "
                        + "belongs to");
            }
            if (accessKeyId != null && profile != null) {
                throw new IllegalArgumentException("Give either AWS access keys or an AWS profile name, not both");
            }
        }

        /** The AWS SDK's default credentials chain, optionally assuming a role. */
        public static Aws defaultChain(String profile, String roleArn) {
            return new Aws(null, null, null, roleArn, profile);
        }

        /** Explicit keys (and a session token for temporary ones), optionally assuming a role. */
        public static Aws keys(String accessKeyId, Token secretAccessKey, Token sessionToken, String roleArn) {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return new Aws(accessKeyId, secretAccessKey, sessionToken, roleArn, null);
        }

        /** The same credentials assuming {@code role} (when this names none). */
        public Aws withRoleIfAbsent(String role) {
            return roleArn != null || blankToNull(role) == null ? this
                    : new Aws(accessKeyId, secretAccessKey, sessionToken, role, profile);
        }

        /** The key id is not a secret to AWS, but it names an account's user: redact it as well. */
        @Override
        public List<Token> secrets() {
            List<Token> out = new ArrayList<>();
            if (accessKeyId != null) {
                out.add(Token.of(accessKeyId));
                out.add(secretAccessKey);
            }
            if (sessionToken != null) {
                out.add(sessionToken);
            }
            return List.copyOf(out);
        }

        @Override
        public String toString() {
            return "Aws[" + (accessKeyId == null ? "default chain" + (profile == null ? "" : ", profile=" + profile)
                    : "accessKeyId=" + Token.MASK + ", secretAccessKey=" + Token.MASK
                    + (sessionToken == null ? "" : ", sessionToken=" + Token.MASK))
                    + (roleArn == null ? "" : ", roleArn=" + roleArn) + "]";
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /**
     * AWS credentials the host hands over as an SDK provider, resolved each time a request is signed — on the thread
     * that sends it — so that keys of an assumed role are renewed during a long wait (a Jenkins "AWS Credentials"
     * entry). The provider caches; no key is known in advance, so none is listed, and signed requests never print
     * theirs.
     *
     * @param description what to call them in messages (the credentials id); not secret
     */
    record AwsSupplied(String description, AwsCredentialsProvider provider) implements ProviderCredentials {
        public AwsSupplied {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(provider, "provider");
        }

        @Override
        public List<Token> secrets() {
            return List.of();
        }

        @Override
        public String toString() {
            return "AwsSupplied[" + description + "]";
        }
    }

    /**
     * The bearer token of a provider that takes a token or nothing (public projects): the token's value, or
     * {@code null} for {@link None}.
     *
     * @param refusal what the provider authenticates with, for the message refusing any other form
     * @throws IllegalArgumentException for other forms of credentials
     */
    static String tokenOrNone(ProviderCredentials credentials, String refusal) {
        if (credentials instanceof TokenCredentials t) {
            return t.token().reveal();
        }
        if (credentials instanceof None) {
            return null;
        }
        throw new IllegalArgumentException(refusal);
    }

    static ProviderCredentials none() {
        return new None();
    }

    static ProviderCredentials token(Token token) {
        return new TokenCredentials(token);
    }
}
