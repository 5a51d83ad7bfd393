package io.jenkins.plugins.externalbuild.engine;

import java.util.Objects;

/**
 * One attempt of a build: the reference to wait on and its attempt number, 1 for the original build.
 *
 * <p>A restart yields either a new id (a GitLab job retry, a new pipeline, a CodeBuild retry) or the
 * same id with a higher number (GitHub's {@code run_attempt}, a Codeship Basic build run); providers
 * say which by the ref they return.
 */
public record Attempt(BuildRef ref, int number) {

    public Attempt {
        Objects.requireNonNull(ref, "ref");
        if (number < 1) {
            throw new IllegalArgumentException("attempt number < 1: " + number);
        }
    }

    public static Attempt first(BuildRef ref) {
        return new Attempt(ref, 1);
    }

    /** The attempt a restart produced: {@code nextRef} may carry the same id or a new one. */
    public Attempt next(BuildRef nextRef) {
        return new Attempt(nextRef, number + 1);
    }
}
