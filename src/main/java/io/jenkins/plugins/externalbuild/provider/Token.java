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

    /**
     * Wraps a secret; surrounding white space (a trailing newline in a token file) is dropped. A control
     * character inside (a second line, a NUL) is refused: HTTP header values cannot carry one, and the HTTP
     * client's own message would quote the value. The message gives the position, never the value; callers
     * that know where the secret came from say so.
     */
    public static Token of(String value) {
        Objects.requireNonNull(value, "token");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the token is empty");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format("the secret has a control character (0x%02x) at position %d;"
                        + " it must be one line of printable characters", (int) c, i + 1));
            }
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
