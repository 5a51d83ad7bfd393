package io.jenkins.plugins.externalbuild.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link RestartLoop} needs to resume after the process restarts, in whichever phase it was:
 * the {@link WaitState} of the current attempt (which also holds the attempt chain and the deadline), the
 * phase, the restarts done, when the next restart is due, and once done, how it ended. Immutable and stored
 * as small JSON ({@link #toJson()}).
 *
 * @param restarts restarts sent so far (not counting one in flight)
 * @param restartAt epoch millis at which the next restart is due, in {@link Phase#RESTART_DUE}
 * @param result how the loop ended, in {@link Phase#DONE}; otherwise {@code null}
 * @param failure for an {@link RestartOutcome.Result#ERROR} end, the kind of failure; otherwise {@code null}
 * @param message the final one-sentence message, in {@link Phase#DONE}
 * @param failedJobs failed jobs of the last attempt, where the provider tells them (at most {@link #MAX_FAILED_JOBS})
 * @param afterStop for a stop that found the remote build running, what was done to it; otherwise {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestartState(Phase phase, WaitState waitState, int restarts, long restartAt, RestartOutcome.Result result,
                           FailureKind failure, String message, List<String> failedJobs,
                           RestartOutcome.AfterStop afterStop) {

    static final int MAX_FAILED_JOBS = 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Where the loop is. */
    public enum Phase {
        /** Read the original build's status before restarting it. */
        READ_FIRST,
        /** A restart is due at {@link #restartAt()}. */
        RESTART_DUE,
        /**
         * A restart request was (about to be) sent for the current attempt. Resuming in this phase never sends
         * it again: whether the provider received it is unknown (see {@link RestartLoop}).
         */
        RESTARTING,
        /** Polling the current attempt. */
        WAITING,
        /** Ended; {@link #result()} says how. */
        DONE
    }

    public RestartState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(waitState, "waitState");
        failedJobs = failedJobs == null ? List.of()
                : List.copyOf(failedJobs.size() > MAX_FAILED_JOBS ? failedJobs.subList(0, MAX_FAILED_JOBS) : failedJobs);
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts < 0: " + restarts);
        }
        if (phase == Phase.DONE && result == null) {
            throw new IllegalArgumentException("phase DONE without a result");
        }
    }

    /** A restart of {@code ref}: read its status, then restart it; the deadline starts now. */
    public static RestartState forRestart(BuildRef ref, Instant now, WaitPolicy policy) {
        return new RestartState(Phase.READ_FIRST, WaitState.start(Attempt.first(ref), List.of(), now, policy, Duration.ZERO),
                0, 0, null, null, null, List.of(), null);
    }

    /** A plain wait on {@code ref}, first poll at once. */
    public static RestartState forWait(BuildRef ref, Instant now, WaitPolicy policy) {
        return new RestartState(Phase.WAITING, WaitState.start(Attempt.first(ref), List.of(), now, policy, Duration.ZERO),
                0, 0, null, null, null, List.of(), null);
    }

    public RestartState withWait(WaitState next) {
        return new RestartState(phase, next, restarts, restartAt, result, failure, message, failedJobs, afterStop);
    }

    RestartState restartDue(Instant at) {
        return new RestartState(Phase.RESTART_DUE, waitState, restarts, at.toEpochMilli(), null, null, null, List.of(), null);
    }

    RestartState restarting() {
        return new RestartState(Phase.RESTARTING, waitState, restarts, restartAt, null, null, null, List.of(), null);
    }

    RestartState restarted(Attempt next, Instant now, Duration firstPollIn) {
        return new RestartState(Phase.WAITING, waitState.restarted(next, now, firstPollIn), restarts + 1, 0, null, null,
                null, List.of(), null);
    }

    RestartState done(RestartOutcome.Result how, FailureKind kind, String why, List<String> jobs,
                      RestartOutcome.AfterStop after) {
        return new RestartState(Phase.DONE, waitState, restarts, restartAt, how, kind, why, jobs, after);
    }

    /**
     * Ended {@link RestartOutcome.Result#CANCELLED} by its host, without a loop: the host's build ended before the
     * loop was resumed (a Jenkins build aborted before Pipeline resumed its step), and {@code after} says what the
     * host did to the remote build this state was waiting on.
     */
    public RestartState stoppedWithoutLoop(RestartOutcome.AfterStop after, String why) {
        return done(RestartOutcome.Result.CANCELLED, null, why, List.of(), Objects.requireNonNull(after, "after"));
    }

    public Instant restartInstant() {
        return Instant.ofEpochMilli(restartAt);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write restart state", e);
        }
    }

    public static RestartState fromJson(String json) {
        RestartState state;
        try {
            state = JSON.readValue(json, RestartState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a restart state: " + e.getOriginalMessage(), e);
        }
        if (state == null) {
            throw new IllegalArgumentException("not a restart state: null");
        }
        return state;
    }
}
