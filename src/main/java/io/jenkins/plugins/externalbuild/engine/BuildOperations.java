package io.jenkins.plugins.externalbuild.engine;

import java.util.List;

/**
 * The operations the engine performs on external builds. {@code provider.Provider} extends it, so the
 * engine drives providers without depending on the provider layer; tests script it directly.
 *
 * <p>Every method blocks (HTTP): the engine calls them on its io executor only. Failures should implement
 * {@link ClassifiedFailure}; an {@link IllegalArgumentException} counts as {@link FailureKind#BAD_INPUT}, any
 * other exception as {@link FailureKind#TRANSIENT}.
 */
public interface BuildOperations {

    /** One read of the build's status. */
    BuildStatus status(BuildRef ref) throws Exception;

    /** Restarts the build; returns the attempt to wait on (a new id, or the same id with the next number). */
    Attempt restart(Attempt current, RestartMode mode) throws Exception;

    /** Asks the provider to cancel the build; returns once the request was accepted. */
    void cancel(BuildRef ref) throws Exception;

    /** Names of the failed jobs of the build, where the provider tells them; empty otherwise. */
    default List<String> failedJobs(BuildRef ref) throws Exception {
        return List.of();
    }

    /**
     * Why a build that ended {@link BuildStatus.State#FAILED} failed, as far as the provider tells
     * (GitLab's {@code failure_reason}, for instance). The default, for providers that report nothing,
     * is {@link FailureCause#UNCLASSIFIED}, which a {@code retryOn: 'transient'} restart treats as
     * <em>not</em> transient: without evidence, a failure is assumed to be real.
     */
    default FailureCause failureCause(BuildRef ref, BuildStatus status) throws Exception {
        return FailureCause.UNCLASSIFIED;
    }

    /**
     * How the wait engine polls builds through these operations. The default reads one build per request with no
     * shared budget; providers return their account's budget and, where the API allows, batch reads.
     */
    default PollSource pollSource() {
        String key = "ops@" + Integer.toHexString(System.identityHashCode(this));
        return PollSource.single(key, this::status, RateBudget.unlimited(key));
    }
}
