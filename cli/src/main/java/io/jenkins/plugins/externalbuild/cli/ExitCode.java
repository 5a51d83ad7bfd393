package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.engine.FailureKind;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome;

/** The exit codes of {@code extbuild}, as documented in its help and the README. */
final class ExitCode {

    static final int OK = 0;
    static final int BUILD_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int TIMED_OUT = 3;
    static final int AUTH = 4;
    static final int NOT_FOUND = 5;
    static final int PROVIDER_ERROR = 6;

    private ExitCode() {
    }

    static int of(FailureKind kind) {
        return switch (kind) {
            case AUTH -> AUTH;
            case NOT_FOUND -> NOT_FOUND;
            case BAD_INPUT -> BAD_INPUT;
            case RATE_LIMITED, TRANSIENT, NOT_RESTARTABLE, BAD_RESPONSE -> PROVIDER_ERROR;
        };
    }

    static int of(WaitOutcome outcome) {
        return switch (outcome.result()) {
            case SUCCEEDED -> OK;
            case FAILED, BLOCKED, CANCELLED -> BUILD_FAILED;
            case TIMED_OUT, STUCK -> TIMED_OUT;
            case ERROR -> outcome.failure() == null ? PROVIDER_ERROR : of(outcome.failure());
        };
    }

    static int of(io.jenkins.plugins.externalbuild.engine.RestartOutcome outcome) {
        return switch (outcome.result()) {
            case SUCCEEDED, RESTARTED -> OK;
            case FAILED, BLOCKED, CANCELLED -> BUILD_FAILED;
            case TIMED_OUT, STUCK -> TIMED_OUT;
            case ERROR -> outcome.failure() == null ? PROVIDER_ERROR : of(outcome.failure());
        };
    }
}
