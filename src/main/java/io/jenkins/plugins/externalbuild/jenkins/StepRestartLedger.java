package io.jenkins.plugins.externalbuild.jenkins;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.MemoryRestartLedger;
import io.jenkins.plugins.externalbuild.engine.RestartLedger;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The replay guard of one Pipeline step: the restarts this step of this run sent, and — when the run is a replay
 * (or a rebuild) — those the same step of the original run sent. A replay follows the original's restart instead
 * of restarting the remote build again; a new run of the job (not a replay), another job or another step has its
 * own record and restarts. Check and reserve are one step ({@link #claim}): of two loops of one step, one sends.
 * {@link RestartRecordAction} keeps the records with the run, in {@code build.xml}; no Jenkins type here.
 */
final class StepRestartLedger implements RestartLedger {

    /** What one run keeps for one step: the restarts it sent, and those in flight (memory only). */
    static final class Record {
        private final MemoryRestartLedger sent;
        private final Set<String> inFlight = new HashSet<>();

        Record(MemoryRestartLedger sent) {
            this.sent = sent;
        }

        Record() {
            this(new MemoryRestartLedger());
        }

        synchronized String toJson() {
            return sent.toJson();
        }
    }

    private final Record own;
    private final Record original;
    private final Runnable persist;

    /**
     * @param own      this step's record in this run
     * @param original the same step's record in the run this one replays, or null
     * @param persist  saves {@code own} with the run (called after each recorded restart)
     */
    StepRestartLedger(Record own, Record original, Runnable persist) {
        this.own = own;
        this.original = original;
        this.persist = persist;
    }

    private static String key(Attempt a) {
        return a.ref().url() + "#" + a.number();
    }

    @Override
    public Optional<Attempt> restartOf(Attempt from, Instant now) {
        Optional<Attempt> mine;
        synchronized (own) {
            mine = own.sent.restartOf(from, now);
        }
        if (mine.isPresent() || original == null) {
            return mine;
        }
        synchronized (original) {
            return original.sent.restartOf(from, now);
        }
    }

    @Override
    public Optional<Attempt> claim(Attempt from, Instant now) {
        synchronized (own) {
            Optional<Attempt> known = restartOf(from, now);
            if (known.isPresent()) {
                return known;
            }
            if (!own.inFlight.add(key(from))) {
                throw new IllegalStateException("a restart of " + from.ref().url() + " attempt " + from.number()
                        + " is already being sent for this step");
            }
            return Optional.empty();
        }
    }

    @Override
    public void release(Attempt from) {
        synchronized (own) {
            own.inFlight.remove(key(from));
        }
    }

    @Override
    public void record(Attempt from, Attempt to, Instant at) {
        synchronized (own) {
            own.sent.record(from, to, at);
            own.inFlight.remove(key(from));
        }
        persist.run();
    }
}
