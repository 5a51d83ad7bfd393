package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a wait polls next. Without a hint: exponentially from the first poll up to the cap
 * ({@link WaitPolicy#delay}); in a group whose budget is limited, at the budget shared among the group's waits
 * (the fair interval, never sooner than the first poll) — so that few waits on a large budget poll more often
 * than the cap rather than leave it unused, and many waits on a small one never more often than it allows. With a hint — the build's duration can be expected — polls get
 * denser toward the expected end (halfway to its window at a time, then every {@link WaitPolicy#densePoll()}, or
 * what the budget allows near it), but a hint only ever <em>adds</em> polls: the delay is never longer than the
 * hint-free one, so a build that ends far from what was expected is seen as soon as without the hint.
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
     * Share of a group's waits counted as near their expected end at once, for the dense interval; chosen with
     * {@code extbuild bench} (0.4 spent more requests at N=100 for no gain that mattered, 0.8 delayed detection).
     */
    static final double NEAR_END_SHARE = 0.6;

    private Pacing() {
    }

    /**
     * The delay before the next poll of a wait in {@code state}, in a group of {@code waits} waits on
     * {@code source}.
     *
     * @param sample a uniform sample in [0, 1) for the jitter
     */
    static Duration nextDelay(WaitState state, WaitPolicy policy, PollSource source, int waits, Instant now,
                              double sample) {
        Duration hintFree = policy.delay(state.polls() - 1, sample, Optional.empty());
        Duration fair = fairInterval(source, waits, now);
        if (fair.compareTo(hintFree) > 0 || !fair.isZero() && source.budget().limited()) {
            // A limited budget is spent, not saved: each wait polls at its share of it (never sooner than the
            // first poll), longer than the backoff when many waits share it, shorter when few do.
            hintFree = fair.compareTo(policy.firstPoll()) > 0 ? fair : policy.firstPoll();
        }
        Optional<Instant> end = state.expectedEnd();
        if (end.isEmpty()) {
            return hintFree;
        }
        long dense = Math.max(policy.densePoll().toMillis(), denseInterval(source, waits, now).toMillis());
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
        return hinted.compareTo(hintFree) < 0 ? hinted : hintFree;
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
     * The dense poll interval the budget allows near an expected end: a share ({@link #NEAR_END_SHARE}) of the
     * group's waits is near its end at any time, so each may poll every {@code share × waits / (rate × batch)}.
     */
    static Duration denseInterval(PollSource source, int waits, Instant now) {
        double rate = source.budget().plannedRate(now);
        if (Double.isInfinite(rate)) {
            return Duration.ZERO;
        }
        if (rate <= 0) {
            return Duration.between(now, source.budget().nextSlot(now));
        }
        double seconds = NEAR_END_SHARE * Math.max(1, waits) / (rate * source.maxBatch());
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
