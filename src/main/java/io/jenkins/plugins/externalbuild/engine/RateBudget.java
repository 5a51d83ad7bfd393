package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * The request budget of one provider account: one per (provider, API base, credential), shared by every wait
 * in the JVM — and, in the CLI, by every process on the machine ({@link FileBudgetStore}). It paces requests so
 * that the provider never has to reject one:
 * <ul>
 *   <li>from the provider's own signal where it sends one ({@code RateLimit-Remaining}/{@code -Reset} on GitLab
 *       and Buildkite, {@code x-ratelimit-*} on GitHub): {@code safety × (remaining − reserve) / time until reset},
 *       recomputed at every request — which also accounts for every other client of the same credential;</li>
 *   <li>else, and once the announced window has reset, from a configured ceiling (Codeship: 60 a minute;
 *       CodeBuild: its documented API rate), or no limit where none is documented;</li>
 *   <li>it holds every request while the provider's count is at the reserve, until that count resets, and
 *       while a {@code Retry-After} or throttling pause lasts ({@link #pause}) — never longer.</li>
 * </ul>
 * Requests are spaced at the allowed rate from the last one sent, so the pace follows the headers both ways: a
 * near-empty answer slows it, a healthy one restores it at once. {@link #nextSlot} says when the next request may
 * go, {@link #acquire} books it. Thread-safe. Never blocks on time: callers schedule themselves at the slot.
 */
public final class RateBudget {

    /** The share of what the provider allows that we use, leaving room for clock skew and other clients' bursts. */
    public static final double SAFETY = 0.9;
    /** The window a silent limit counts in (Codeship documents its limit per minute). */
    static final Duration SILENT_WINDOW = Duration.ofMinutes(1);
    /** Requests kept in reserve below the provider's remaining count. */
    static final long RESERVE = 2;
    /** The least share of the provider's remaining rate we take, however much other clients seem to spend. */
    static final double OWN_FLOOR = 0.25;

    /** The budget whose booked slot the current thread's call may use ({@link #prepaid}); "" once used. */
    private static final ThreadLocal<String> PREPAID = new ThreadLocal<>();

    private final String name;
    private final double ceilingPerSecond;
    private final BudgetStore store;

    /**
     * @param ceilingPerSecond the most requests per second to send when the provider says nothing
     *                         ({@link Double#POSITIVE_INFINITY}: no ceiling)
     */
    public RateBudget(String name, double ceilingPerSecond) {
        this(name, ceilingPerSecond, BudgetStore.memory());
    }

    RateBudget(String name, double ceilingPerSecond, BudgetStore store) {
        if (!(ceilingPerSecond > 0)) {
            throw new IllegalArgumentException("ceilingPerSecond <= 0: " + ceilingPerSecond);
        }
        this.name = name;
        this.ceilingPerSecond = ceilingPerSecond;
        this.store = store;
    }

    /** A budget that never holds a request back (no limit known or wanted). */
    public static RateBudget unlimited(String name) {
        return new RateBudget(name, Double.POSITIVE_INFINITY);
    }

    public String name() {
        return name;
    }

    private double ceilingRate(BudgetState s) {
        return Double.isInfinite(ceilingPerSecond) ? ceilingPerSecond
                : ceilingPerSecond * SAFETY * s.ceilingShare / 1_000_000.0;
    }

    /**
     * Requests per second allowed at {@code now}: from the provider's count while it applies; after its window
     * reset, until the next answer tells the new count, what it allows over a whole window (so that every process
     * and wait does not rush in at the reset); else the ceiling.
     */
    private double rate(BudgetState s, long now) {
        double r = ceilingRate(s);
        if (s.counting(now)) {
            double seconds = Math.max(1.0, (s.resetAt - now) / 1000.0);
            return Math.min(r, leftToUs(Math.max(0, s.remaining - RESERVE) / seconds, s.othersRate(now)));
        }
        return Math.min(r, sustained(s, now));
    }

    /**
     * Of {@code perSecond} allowed until the reset, what we may send: what other clients of the credential spend at
     * their pace seen so far is theirs (else they find the count spent between two of our answers near the window's
     * end), but never less than {@link #OWN_FLOOR} of it, so that a misread pace cannot stall the account.
     */
    private static double leftToUs(double perSecond, double others) {
        return Math.max(perSecond * OWN_FLOOR, perSecond - others) * SAFETY;
    }

    /** What the provider allows us over a whole window: its largest count over its longest window seen (or infinite). */
    private static double sustained(BudgetState s, long now) {
        if (s.limit > RESERVE && s.window > 0) {
            return leftToUs((s.limit - RESERVE) / Math.max(1.0, s.window / 1000.0), s.othersRate(now));
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Requests per second allowed when the provider last told its count (infinite when unlimited). */
    public double rate() {
        return store.update(name, 0, s -> rate(s, s.observedAt));
    }

    /**
     * The rate to plan polls with: what is allowed at {@code now}, but not less than what the provider allows
     * over a whole window (its largest count over its longest window seen), so that the end of a window — when
     * little is left for a short while — does not read as a lasting drought. Zero while a count at the reserve
     * holds every request and no window has been seen yet.
     */
    public double plannedRate(Instant now) {
        return store.update(name, now.toEpochMilli(), s -> {
            double r = rate(s, now.toEpochMilli());
            double sustained = sustained(s, now.toEpochMilli());
            return Double.isInfinite(sustained) ? r : Math.max(r, Math.min(ceilingRate(s), sustained));
        });
    }

    /** Whether this budget limits anything. */
    public boolean limited() {
        return !Double.isInfinite(ceilingPerSecond) || store.update(name, 0, s -> s.remaining >= 0 || s.pausedUntil > 0);
    }

    /** The earliest time at or after {@code now} when the next request may be sent. */
    public Instant nextSlot(Instant now) {
        return Instant.ofEpochMilli(store.update(name, now.toEpochMilli(), s -> slot(s, now.toEpochMilli())));
    }

    private long slot(BudgetState s, long now) {
        long t = Math.max(now, s.pausedUntil);
        boolean counting = s.counting(t);
        if (counting && s.remaining <= RESERVE) {
            return s.resetAt;
        }
        double r = rate(s, t);
        if (s.sent > 0 && !Double.isInfinite(r)) {
            long spaced = s.sent + Math.max(1, Math.round(1000 / r));
            // The provider's window refills at its reset: spacing never pushes a request past it.
            t = Math.max(t, counting ? Math.min(spaced, s.resetAt) : spaced);
        }
        return t;
    }

    /**
     * Books the slot at {@code now}; call only when {@link #nextSlot(Instant)} is not after {@code now}.
     *
     * @return false (and books nothing) when the slot is later, for instance because another process sharing the
     *         budget took it
     */
    public boolean acquire(Instant now) {
        long t = now.toEpochMilli();
        return store.update(name, t, s -> {
            if (slot(s, t) > t) {
                return false;
            }
            s.sent = t;
            if (s.counting(t) && s.remaining > 0) {
                s.remaining--;
            }
            s.touched = t;
            return true;
        });
    }

    /**
     * Runs {@code work} on this thread with the slot just {@link #acquire acquired} for it: the first request it
     * sends ({@link #spend}) is that one. The engine runs every provider call this way, a poll's read and every
     * request outside the poll schedule (a restart's reads, the restart, a cancel) alike.
     */
    public void prepaid(Runnable work) {
        String before = PREPAID.get();
        PREPAID.set(name);
        try {
            work.run();
        } finally {
            if (before == null) {
                PREPAID.remove();
            } else {
                PREPAID.set(before);
            }
        }
    }

    /**
     * A request of this account goes out now (the transport calls this for every request it sends): the slot booked
     * for it ({@link #prepaid}), or — a second request of the same call (a restart that reads first, a login, a
     * retried GET) — booked now without waiting, so that the requests after it are spaced from it and the
     * provider's count stays true.
     */
    public void spend(Instant now) {
        if (name.equals(PREPAID.get())) {
            PREPAID.set(""); // the booked slot is used; a further request is booked below
            return;
        }
        long t = now.toEpochMilli();
        store.update(name, t, s -> {
            s.sent = Math.max(s.sent, t);
            if (s.counting(t) && s.remaining > 0) {
                s.remaining--;
            }
            s.touched = t;
            return null;
        });
    }

    /**
     * What the provider said after a request: {@code remaining} requests until {@code reset} (both from its
     * headers; {@code reset} already converted to our clock by the caller).
     */
    public void observe(Instant now, long remainingNow, Instant reset) {
        long t = now.toEpochMilli();
        store.update(name, t, s -> {
            long left = Math.max(0, remainingNow);
            // An answer overtaken by a later one of the same window (another thread or process) must not raise
            // the count again.
            boolean sameWindow = s.counting(t) && Math.abs(reset.toEpochMilli() - s.resetAt) <= 1000;
            if (sameWindow) {
                // Our own requests were counted down as they went: any further fall is other clients'.
                s.others += Math.max(0, s.remaining - left);
            } else {
                if (s.othersFrom > 0 && s.observedAt > s.othersFrom) {
                    s.othersPerHour = Math.round(s.others * 3_600_000.0 / (s.observedAt - s.othersFrom));
                }
                s.others = 0;
                s.othersFrom = t;
            }
            s.remaining = sameWindow ? Math.min(s.remaining, left) : left;
            s.resetAt = reset.toEpochMilli();
            s.observedAt = t;
            s.limit = Math.max(s.limit, s.remaining);
            s.window = Math.max(s.window, s.resetAt - t);
            s.touched = t;
            return null;
        });
    }

    /**
     * The provider refused a request as over its limit, at {@code now}. Where it announces no count (Codeship's
     * 403 "Rate Limit Exceeded", CodeBuild's throttling), the documented ceiling is evidently too high — a lower
     * limit, or another client of the credential — so the pace halves: a silent limit is found with one rejection
     * per change of it, or a few for a large change. Requests sent before the last halving (in flight together)
     * do not halve it again. When the provider did not say how long to wait either, nothing is sent for
     * {@link #SILENT_WINDOW}, the window such limits count in, so that the exhausted window cannot refuse the next
     * request too. Call once per refused request, before {@link #pause}.
     *
     * @param sentAt when the refused request was sent
     * @param told whether the provider said how long to wait
     */
    public void rejected(Instant sentAt, Instant now, boolean told) {
        long t = now.toEpochMilli();
        store.update(name, t, s -> {
            if (!Double.isInfinite(ceilingPerSecond) && !s.counting(t) && sentAt.toEpochMilli() >= s.loweredAt) {
                s.ceilingShare = Math.max(1, s.ceilingShare / 2);
                s.loweredAt = t;
                s.touched = t;
                if (!told) {
                    s.pausedUntil = Math.max(s.pausedUntil, t + SILENT_WINDOW.toMillis());
                }
            }
            return null;
        });
    }

    /**
     * The provider asked to stop (Retry-After, throttling): no request before {@code until}. Its word decides: a
     * count it announced earlier no longer holds requests past {@code until} (the next answer tells a new one).
     */
    public void pause(Instant until) {
        long u = until.toEpochMilli();
        store.update(name, u, s -> {
            s.pausedUntil = Math.max(s.pausedUntil, u);
            if (s.counting(u)) {
                s.remaining = -1;
            }
            s.touched = Math.max(s.touched, u);
            return null;
        });
    }

    /** How long a request would wait for a slot now; for reports and logs. */
    public Duration backlog(Instant now) {
        return Duration.between(now, nextSlot(now));
    }

    @Override
    public String toString() {
        return "RateBudget{" + name + ", " + (Double.isInfinite(ceilingPerSecond) ? "no ceiling" : String.format(
                java.util.Locale.ROOT, "ceiling %.3f/s", ceilingPerSecond)) + "}";
    }
}
