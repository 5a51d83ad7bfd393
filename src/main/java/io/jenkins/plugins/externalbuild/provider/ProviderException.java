package io.jenkins.plugins.externalbuild.provider;

import io.jenkins.plugins.externalbuild.engine.ClassifiedFailure;
import io.jenkins.plugins.externalbuild.engine.FailureKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A provider call that failed, classified. Messages are one sentence a user can act on and are
 * redacted before construction (see {@link HttpTransport}); they never carry a secret.
 */
public abstract sealed class ProviderException extends IOException implements ClassifiedFailure {

    private static final long serialVersionUID = 1L;

    private final String provider;
    private final int httpStatus;
    private volatile boolean changedNothing;

    /** A provider call that only reads. */
    @FunctionalInterface
    public interface Read<T> {
        T read() throws ProviderException;
    }

    protected ProviderException(String provider, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.httpStatus = httpStatus;
    }

    /** The provider id, such as {@code gitlab}. */
    public String provider() {
        return provider;
    }

    /** The HTTP status of the answer, or 0 when there was none (network failure). */
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public boolean changedNothing() {
        return changedNothing;
    }

    /**
     * Runs a read that an operation makes before its one changing request (a restart's check of the build): a failure
     * there is marked {@link #changedNothing()}, so that the engine may try the whole operation again.
     */
    public static <T> T beforeChange(Read<T> read) throws ProviderException {
        try {
            return read.read();
        } catch (ProviderException e) {
            e.changedNothing = true;
            throw e;
        }
    }

    /** The credentials were refused (401) or lack a permission (403). */
    public static final class AuthError extends ProviderException {
        private static final long serialVersionUID = 1L;

        public AuthError(String provider, int httpStatus, String message) {
            super(provider, httpStatus, message, null);
        }

        @Override
        public FailureKind kind() {
            return FailureKind.AUTH;
        }
    }

    /** The build, project or endpoint does not exist, or these credentials cannot see it. */
    public static final class NotFound extends ProviderException {
        private static final long serialVersionUID = 1L;

        public NotFound(String provider, int httpStatus, String message) {
            super(provider, httpStatus, message, null);
        }

        @Override
        public FailureKind kind() {
            return FailureKind.NOT_FOUND;
        }
    }

    /** The provider asked to slow down; {@link #retryAfter()} says for how long when it said so. */
    public static final class RateLimited extends ProviderException {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        public RateLimited(String provider, int httpStatus, String message, Duration retryAfter) {
            super(provider, httpStatus, message, null);
            this.retryAfter = retryAfter;
        }

        @Override
        public FailureKind kind() {
            return FailureKind.RATE_LIMITED;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** A network failure or server error that may pass. */
    public static final class Transient extends ProviderException {
        private static final long serialVersionUID = 1L;

        public Transient(String provider, int httpStatus, String message, Throwable cause) {
            super(provider, httpStatus, message, cause);
        }

        @Override
        public FailureKind kind() {
            return FailureKind.TRANSIENT;
        }
    }

    /** The provider will not restart (or cancel) the build in its current state, or lacks the mode asked for. */
    public static final class NotRestartable extends ProviderException {
        private static final long serialVersionUID = 1L;

        public NotRestartable(String provider, int httpStatus, String message) {
            super(provider, httpStatus, message, null);
        }

        @Override
        public FailureKind kind() {
            return FailureKind.NOT_RESTARTABLE;
        }
    }

    /** An answer we cannot read: malformed JSON, missing fields, an unexpected status code. */
    public static final class BadResponse extends ProviderException {
        private static final long serialVersionUID = 1L;

        public BadResponse(String provider, int httpStatus, String message, Throwable cause) {
            super(provider, httpStatus, message, cause);
        }

        @Override
        public FailureKind kind() {
            return FailureKind.BAD_RESPONSE;
        }
    }
}
