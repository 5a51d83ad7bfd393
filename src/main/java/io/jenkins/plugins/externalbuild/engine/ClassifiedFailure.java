package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * Implemented by exceptions that know their {@link FailureKind}. The engine reads failures through
 * this interface so that it never depends on the provider layer; any other exception counts as
 * {@link FailureKind#TRANSIENT}.
 */
public interface ClassifiedFailure {

    FailureKind kind();

    /** The delay the provider asked for before the next request, if it gave one. */
    default Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /**
     * Whether the failed operation certainly changed nothing at the provider: it failed in the reads it makes before
     * its one changing request (a restart's check of the build), so that trying the whole operation again cannot
     * start a second build. False when unknown.
     */
    default boolean changedNothing() {
        return false;
    }
}
