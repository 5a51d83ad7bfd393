package io.jenkins.plugins.externalbuild.provider;

import java.util.List;
import java.util.Objects;

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

    /** One bearer-style secret: an access token, a personal access token, an API key. */
    record TokenCredentials(Token token) implements ProviderCredentials {
        public TokenCredentials {
            Objects.requireNonNull(token, "token");
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

        @Override
        public List<Token> secrets() {
            return List.of(password);
        }
    }

    static ProviderCredentials none() {
        return new None();
    }

    static ProviderCredentials token(Token token) {
        return new TokenCredentials(token);
    }
}
