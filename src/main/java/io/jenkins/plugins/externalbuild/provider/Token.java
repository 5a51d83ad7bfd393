package io.jenkins.plugins.externalbuild.provider;

import java.util.Objects;

/**
 * A secret value (token, password, API key). It never prints itself: {@link #toString()} is {@code "██"},
 * it is not serializable, and its value is read with {@link #reveal()} only at the HTTP boundary.
 */
public final class Token {

    public static final String MASK = "██";

    private final String value;

    private Token(String value) {
        this.value = value;
    }

    /** Wraps a secret; surrounding white space (a trailing newline in a token file) is dropped. */
    public static Token of(String value) {
        Objects.requireNonNull(value, "token");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the token is empty");
        }
        return new Token(trimmed);
    }

    /** The secret itself: for request headers and the {@link Redactor} only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Token t && t.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
