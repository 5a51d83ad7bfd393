package io.jenkins.plugins.externalbuild.provider;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildOperations;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.FailureCause;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import java.util.List;

/**
 * A connection to one external CI system with one set of credentials: the operations the engine, the
 * CLI and the Jenkins steps use. Obtained from {@link ProviderType#connect}. It is the engine's
 * {@link BuildOperations}, with the provider's own (narrower) failure type.
 *
 * <p>Every method blocks on HTTP: call it from an I/O pool, never from a timer thread. Failures are
 * {@link ProviderException}s, classified and free of secrets. Bad references are refused with an
 * {@link IllegalArgumentException} before any request is sent.
 */
public interface Provider extends BuildOperations {

    ProviderType type();

    /** What can be done with this kind of build. */
    Capabilities capabilities(BuildRef ref);

    /** One read of the build's status. */
    @Override
    BuildStatus status(BuildRef ref) throws ProviderException;

    /**
     * Restarts the build and returns the attempt to wait on: a new id, or the same id with the next number.
     *
     * @param mode a mode from {@link #capabilities}; see {@link Capabilities#choose}
     */
    @Override
    Attempt restart(Attempt current, RestartMode mode) throws ProviderException;

    /** Asks the provider to cancel the build; returns once the request was accepted. */
    @Override
    void cancel(BuildRef ref) throws ProviderException;

    /**
     * The newest build of a branch (or tag) of a project, for providers that can find it (GitLab: the latest
     * pipeline; Codeship: the latest build).
     *
     * @param server the web base for self-hosted servers, or null for the provider's default
     * @throws IllegalArgumentException if this provider cannot look builds up by branch
     */
    default BuildRef latest(String server, String project, String branch) throws ProviderException {
        throw new IllegalArgumentException(type().displayName() + " cannot look up the latest build of a branch; "
                + "name the build by its URL or id");
    }

    /** Names of the failed jobs of the build, where the provider tells them; empty otherwise. */
    @Override
    default List<String> failedJobs(BuildRef ref) throws ProviderException {
        return List.of();
    }

    /** Why a failed build failed, where the provider tells; {@link FailureCause#UNCLASSIFIED} otherwise. */
    @Override
    default FailureCause failureCause(BuildRef ref, BuildStatus status) throws ProviderException {
        return FailureCause.UNCLASSIFIED;
    }
}
