package io.jenkins.plugins.externalbuild.engine;

/** Why a finished build failed, as its provider classifies it; decides {@code retryOn: 'transient'} restarts. */
public enum FailureCause {
    /** The infrastructure failed, not the build: a lost runner, a scheduler or API error, a stuck job. */
    TRANSIENT,
    /** The build itself failed: a script or test failure, a configuration error. */
    PERMANENT,
    /** The provider says nothing that tells the two apart; treated as permanent. */
    UNCLASSIFIED
}
