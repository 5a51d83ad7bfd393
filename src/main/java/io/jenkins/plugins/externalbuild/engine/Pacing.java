package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a wait polls next. Without a hint: exponentially from the first poll up to the cap
 * ({@link WaitPolicy#delay}); in a group whose budget is limited, at the budget shared among the group's waits
 * (the fair interval, never sooner than the first poll) — so that few waits on a large budget poll more often
 * than the cap rather than leave it unused, and many waits on a small one never more often than it allows. With a
 * hint — the build's duration can be expected — polls get denser toward the expected end (halfway to its window at
 * a time, then every {@link WaitPolicy#densePoll()}, or what the budget allows the waits near their end now), but
 * after the first poll a hint only ever <em>adds</em> polls: the delay is never longer than the hint-free one, so
 * a build that ends far from what was expected is seen as soon as without the hint. The expected end counts from
 * the earliest the build can have started running where the provider does not say, and from now while it is
 * queued. The first poll of a hinted wait on a shared budget is placed where it tells something
 * ({@link #firstPoll}).
 *
 * <p>The gap between two polls of a wait is therefore at most the poll cap, or the fair interval when many waits
 * share a small budget — computed from the rate the budget plans with, which does not collapse near the end of the
 * provider's window — or, when the budget is truly spent, until its window resets.
 */
final class Pacing {

    /**
     * Share of a limited budget's rate the engine plans its polls with. All of it: the budget's slots already keep
     * {@link RateBudget#SAFETY}'s headroom for bursts and clock skew and leave other clients their pace, so a share
     * planned below that is a share left unused (0.8 did, at 1,000 waits and more, with no rejection saved).
     */
    static final double UTILIZATION = 1.0;
    /**
     * The window around an expected end in which polls are dense, as a share of the expected duration: two
     * standard deviations of a 5 % run-to-run variation, so that about 95 % of builds end inside it.
     */
    static final double WINDOW = 0.10;
    /**
     * Share of a limited budget's rate the dense polls are planned with: the waits near their expected end now
     * share it ({@link #denseInterval}), the hint-free polls of every wait the rest.
     */
    static final double DENSE_SHARE = 0.5;

    /** The next poll of a wait: when, and whether the wait is near its expected end (counted for the dense interval). */
    record Next(Duration delay, boolean near) {
    }

    private Pacing() {
    }

    /**
     * The next poll of a wait in {@code state}, in a group of {@code waits} waits on {@code source} of which
     * {@code near} (this one included) are near their expected end.
     *
     * @param sample a uniform sample in [0, 1) for the jitter
     */
    static Next next(WaitState state, long runningFrom, WaitPolicy policy, PollSource source, int waits, int near,
                     Instant now, double sample) {
        Duration hintFree = policy.delay(state.polls() - 1, sample, Optional.empty());
        Duration fair = fairInterval(source, waits, now);
        if (fair.compareTo(hintFree) > 0 || !fair.isZero() && source.budget().limited()) {
            // A limited budget is spent, not saved: each wait polls at its share of it (never sooner than the
            // first poll), longer than the backoff when many waits share it, shorter when few do.
            hintFree = fair.compareTo(policy.firstPoll()) > 0 ? fair : policy.firstPoll();
        }
        Optional<Instant> end = expectedEnd(state, runningFrom, now);
        if (end.isEmpty()) {
            return new Next(hintFree, false);
        }
        long dense = Math.max(policy.densePoll().toMillis(), denseInterval(source, near, now).toMillis());
        long window = Math.max(dense, Math.round(WINDOW * state.expectedMillis()));
        long t = now.toEpochMilli();
        long toWindow = end.get().toEpochMilli() - window - t;
        long overdue = t - end.get().toEpochMilli();
        long millis;
        if (toWindow > dense) {
            millis = Math.max(dense, toWindow / 2);
        } else if (overdue > window) {
            // Well past the expected end: stretching slowly toward the poll cap.
            millis = Math.min(dense + (overdue - window) / 4, Math.max(dense, policy.cap().toMillis()));
        } else {
            millis = dense;
        }
        double spread = policy.jitter() / 4;
        Duration hinted = Duration.ofMillis(Math.round(millis * (1 - spread + 2 * spread * sample)));
        // Near by the hint alone (not by the dense interval, which grows with the count: no feedback).
        boolean isNear = end.get().toEpochMilli() - Math.round(WINDOW * state.expectedMillis()) <= t;
        return new Next(hinted.compareTo(hintFree) < 0 ? hinted : hintFree, isNear);
    }

    /**
     * When the first poll of a wait is due; {@code due} on the hint-free schedule. With a hint, on a budget shared
     * by so many waits that each gets a poll less often than the cap, the first polls of many new waits, all due at
     * once, would only queue behind each other while short builds end unseen: the first poll is at the wait's
     * share of the budget (the fair interval from now), or earlier, at the earliest the build can be near its
     * expected end (the attempt's start plus all but the window of its duration — queued or not, it has not run
     * that long before), when that comes first.
     */
    static Instant firstPoll(WaitState state, WaitPolicy policy, PollSource source, int waits, Instant now,
                             Instant due) {
        if (state.status() != null || state.expectedMillis() <= 0) {
            return due;
        }
        Duration fair = fairInterval(source, waits, now);
        if (fair.compareTo(policy.cap()) <= 0) {
            return due; // the budget polls every wait at least as often as the cap: nothing to spread
        }
        long toWindow = Math.round((1 - WINDOW) * state.expectedMillis());
        Instant windowStart = Instant.ofEpochMilli(state.lastChangeAt() + toWindow);
        Instant shared = now.plus(fair);
        Instant at = shared.isAfter(windowStart) ? windowStart : shared;
        return at.isAfter(due) ? at : due;
    }

    /**
     * When the build is expected to end: the running build's ({@link WaitState#expectedEnd()}), from the earliest
     * it can have started ({@code runningFrom}, when it was last seen not running; 0: unknown) where the provider
     * does not say when it started; a queued one cannot end before it has run its expected duration from now, so
     * it is planned as if it started now.
     */
    private static Optional<Instant> expectedEnd(WaitState state, long runningFrom, Instant now) {
        Optional<Instant> end = state.expectedEnd();
        if (end.isPresent() && state.status().startedAt() == null && runningFrom > 0) {
            return Optional.of(Instant.ofEpochMilli(runningFrom + state.expectedMillis()));
        }
        if (end.isEmpty() && state.expectedMillis() > 0 && state.status() != null
                && state.status().state() == BuildStatus.State.QUEUED) {
            return Optional.of(now.plusMillis(state.expectedMillis()));
        }
        return end;
    }

    /**
     * The pace the budget allows each wait: waits / (usable rate × builds per request); zero without a limit, and
     * until the budget's next slot (its reset) while it is spent and nothing else is known.
     */
    static Duration fairInterval(PollSource source, int waits, Instant now) {
        RateBudget budget = source.budget();
        double rate = budget.plannedRate(now);
        if (Double.isInfinite(rate)) {
            return Duration.ZERO;
        }
        if (rate <= 0) {
            return Duration.between(now, budget.nextSlot(now));
        }
        double seconds = Math.max(1, waits) / (UTILIZATION * rate * source.maxBatch());
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /**
     * The dense poll interval the budget allows near an expected end: the {@code near} waits near theirs share
     * {@link #DENSE_SHARE} of the rate, so each may poll every {@code near / (share × rate × batch)}.
     */
    static Duration denseInterval(PollSource source, int near, Instant now) {
        double rate = source.budget().plannedRate(now);
        if (Double.isInfinite(rate)) {
            return Duration.ZERO;
        }
        if (rate <= 0) {
            return Duration.between(now, source.budget().nextSlot(now));
        }
        double seconds = Math.max(1, near) / (DENSE_SHARE * rate * source.maxBatch());
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
