package io.jenkins.plugins.externalbuild.engine;

/**
 * How a failed call to a provider is classified; decides whether the wait goes on, and the exit code.
 */
public enum FailureKind {
    /** The credentials were refused or lack a permission. Retrying will not help. */
    AUTH(false),
    /** The build, project or endpoint does not exist (or is invisible to these credentials). */
    NOT_FOUND(false),
    /** The provider asked us to slow down; retry after the delay it gave. */
    RATE_LIMITED(true),
    /** A network failure or server error that may pass. */
    TRANSIENT(true),
    /** The provider refuses to restart (or cancel) this build in its current state. */
    NOT_RESTARTABLE(false),
    /** The provider answered something we cannot read. */
    BAD_RESPONSE(true),
    /**
     * The request was refused before it was sent (an {@link IllegalArgumentException}: credentials over plain http
     * without the opt-in, a value that cannot be a header). The same input fails the same way: not retried.
     */
    BAD_INPUT(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** The kind of {@code e}: its own if it is a {@link ClassifiedFailure}, {@link #BAD_INPUT} for an
     * {@link IllegalArgumentException}, otherwise {@link #TRANSIENT}. */
    public static FailureKind of(Throwable e) {
        return e instanceof ClassifiedFailure c ? c.kind() : e instanceof IllegalArgumentException ? BAD_INPUT : TRANSIENT;
    }

    /** Whether a wait should poll again after this failure (within its error budget). */
    public boolean retryable() {
        return retryable;
    }
}
