package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A record of restarts, consulted before sending one: when the very attempt about to be restarted was already
 * restarted — by a replayed Pipeline, a re-run step, a second CLI call — the loop follows the recorded attempt
 * instead of restarting the build a second time. Entries older than {@link #MAX_AGE} are ignored, so that a
 * build can be restarted again on purpose later. CodeBuild adds its own idempotency token on top.
 *
 * <p>Implementations are thread-safe; the host decides where the record lives (Jenkins: the controller's home;
 * tests and the CLI: memory).
 */
public interface RestartLedger {

    /** How long a recorded restart keeps a second one from being sent. */
    Duration MAX_AGE = Duration.ofHours(24);

    /** The attempt {@code from} was restarted into, if that was recorded less than {@link #MAX_AGE} before {@code now}. */
    Optional<Attempt> restartOf(Attempt from, Instant now);

    /** Records that {@code from} was restarted into {@code to} at {@code at}. */
    void record(Attempt from, Attempt to, Instant at);

    /**
     * Check and reserve in one step: the attempt {@code from} was restarted into, like {@link #restartOf}; or, when
     * there is none, empty, and {@code from} is reserved for the caller, who then sends the restart and calls
     * {@link #record} (or {@link #release} when it failed). A ledger shared by several loops throws
     * {@link IllegalStateException} when another one holds the reservation, so that one restart is sent, not two.
     * The default has no reservation (for ledgers only one loop uses at a time).
     */
    default Optional<Attempt> claim(Attempt from, Instant now) {
        return restartOf(from, now);
    }

    /** Gives up the reservation {@link #claim} made: the restart was not sent, or failed. */
    default void release(Attempt from) {
    }

    /** A ledger that remembers nothing: every restart is sent. */
    static RestartLedger none() {
        return new RestartLedger() {
            @Override
            public Optional<Attempt> restartOf(Attempt from, Instant now) {
                return Optional.empty();
            }

            @Override
            public void record(Attempt from, Attempt to, Instant at) {
            }
        };
    }
}
