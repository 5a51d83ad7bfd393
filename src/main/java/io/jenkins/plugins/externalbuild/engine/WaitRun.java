package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running wait of a {@link PollGroup}: what each poll's result does to it — the next poll
 * ({@link Pacing}), or its end. Its fields are guarded by the group's monitor.
 */
final class WaitRun implements WaitEngine.Handle, Comparable<WaitRun> {

    private static final Logger LOGGER = Logger.getLogger(WaitEngine.class.getName());

    private final PollGroup group;
    private final WaitPolicy policy;
    private final WaitEngine.Listener listener;
    private WaitState state;
    private Instant dueAt;
    private long seq;
    private boolean done;
    private boolean inFlight;
    /** Whether it is near its expected end (counted in the group's {@code near}). */
    private boolean near;
    /** When the build was last seen (not kept across a restart of the process: then the attempt's last change). */
    private long lastSeenAt;
    /** The earliest the running build can have started: when it was last seen not running (0: not seen so). */
    private long runningFrom;

    WaitRun(PollGroup group, WaitState state, WaitPolicy policy, WaitEngine.Listener listener) {
        this.group = group;
        this.state = Objects.requireNonNull(state, "state");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.lastSeenAt = state.lastChangeAt();
    }

    @Override
    public int compareTo(WaitRun o) {
        int c = dueAt.compareTo(o.dueAt);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    BuildRef ref() {
        return state.ref();
    }

    Instant deadline() {
        return state.deadlineInstant();
    }

    Instant dueAt() {
        return dueAt;
    }

    void inFlight(boolean sent) {
        inFlight = sent;
    }

    /** Sets when the next poll is due ({@code at}, or the deadline if sooner) and saves it; before queueing. */
    void queueAt(Instant at, long sequence) {
        Instant when = at.isAfter(deadline()) ? deadline() : at;
        dueAt = when;
        seq = sequence;
        state = state.scheduled(when);
        listener.saved(state);
    }

    @Override
    public WaitState state() {
        synchronized (group) {
            return state;
        }
    }

    @Override
    public boolean done() {
        synchronized (group) {
            return done;
        }
    }

    @Override
    public void cancel() {
        synchronized (group) {
            if (!done && !inFlight) {
                group.remove(this);
            }
            finish(WaitOutcome.Result.CANCELLED, null, "wait cancelled");
        }
    }

    void timedOut() {
        finish(WaitOutcome.Result.TIMED_OUT, null, "timed out after "
                + Duration.ofMillis(state.deadline() - state.startedAt()) + " waiting for " + state.ref().url()
                + lastSeen());
    }

    /** When the first poll (of a new wait, or the next one of a resumed wait) is due; before queueing it. */
    Instant firstPoll() {
        return Pacing.firstPoll(state, policy, group.source, group.runs, group.scheduler().now(),
                state.nextPollInstant());
    }

    private void scheduleIn(Duration delay) {
        if (!done) {
            group.add(this, group.scheduler().now().plus(delay));
        }
    }

    private void schedule(Pacing.Next next) {
        if (next.near() != near) {
            near = next.near();
            group.near += near ? 1 : -1;
        }
        scheduleIn(next.delay());
    }

    void observed(BuildStatus status) {
        if (done) {
            return;
        }
        Instant now = group.scheduler().now();
        BuildStatus previous = state.status();
        boolean changed = state.changes(status);
        if (status.state() == BuildStatus.State.RUNNING
                && (previous == null || previous.state() != BuildStatus.State.RUNNING)) {
            runningFrom = lastSeenAt;
        }
        lastSeenAt = now.toEpochMilli();
        state = state.observed(status, now);
        if (changed) {
            listener.statusChanged(state, previous);
        }
        if (status.terminal()) {
            boolean ok = status.succeeded();
            finish(ok ? WaitOutcome.Result.SUCCEEDED : WaitOutcome.Result.FAILED, null,
                    state.ref().url() + " ended " + status);
        } else if (status.state() == BuildStatus.State.MANUAL && policy.stopOnManual()) {
            finish(WaitOutcome.Result.BLOCKED, null,
                    state.ref().url() + " waits for a manual action (" + status.raw() + ")");
        } else if (state.unknowns() >= policy.maxUnknown()) {
            finish(WaitOutcome.Result.ERROR, FailureKind.BAD_RESPONSE, state.ref().url() + " reported an unknown status '"
                    + status.raw() + "' " + state.unknowns() + " times in a row");
        } else if (queuedTooLong(status, now)) {
            finish(WaitOutcome.Result.STUCK, null, state.ref().url() + " has been queued (" + status.raw()
                    + ") for more than " + policy.maxQueued().toMinutes() + " minutes; is a runner or agent available?");
        } else {
            schedule(Pacing.next(state, runningFrom, policy, group.source, group.runs, group.near + (near ? 0 : 1),
                    now, group.engine.random.getAsDouble()));
        }
    }

    private boolean queuedTooLong(BuildStatus status, Instant now) {
        return status.state() == BuildStatus.State.QUEUED && !policy.maxQueued().isZero()
                && now.toEpochMilli() - state.lastChangeAt() > policy.maxQueued().toMillis();
    }

    void failed(Throwable e) {
        if (done) {
            return;
        }
        FailureKind kind = FailureKind.of(e);
        Optional<Duration> retryAfter = e instanceof ClassifiedFailure c ? c.retryAfter() : Optional.empty();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!(e instanceof ClassifiedFailure)) {
            LOGGER.log(Level.FINE, "unclassified failure polling " + state.ref().url(), e);
        }
        Instant now = group.scheduler().now();
        if (kind == FailureKind.RATE_LIMITED) {
            group.source.budget().pause(now.plus(retryAfter.orElse(policy.firstPoll())));
        }
        state = state.failed();
        if (kind == FailureKind.NOT_FOUND && state.seen()) {
            finish(WaitOutcome.Result.ERROR, kind, state.ref().url() + " disappeared: it was seen, then the provider "
                    + "answered not found (" + message + ")");
        } else if (!kind.retryable()) {
            finish(WaitOutcome.Result.ERROR, kind, message);
        } else if (state.errors() > policy.maxErrors()) {
            finish(WaitOutcome.Result.ERROR, kind, "gave up after " + state.errors() + " failed polls in a row: " + message);
        } else {
            Duration delay = policy.delay(state.polls() - 1, group.engine.random.getAsDouble(), retryAfter);
            listener.pollFailed(state, kind, message, delay);
            scheduleIn(delay);
        }
    }

    private String lastSeen() {
        return state.status() == null ? " (no status seen)" : " (last status " + state.status() + ")";
    }

    void finish(WaitOutcome.Result result, FailureKind kind, String message) {
        if (done) {
            return;
        }
        done = true;
        if (near) {
            near = false;
            group.near--;
        }
        group.ended();
        listener.saved(state);
        listener.finished(new WaitOutcome(result, state, kind, message));
    }
}
