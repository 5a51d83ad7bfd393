package io.jenkins.plugins.externalbuild.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * What a {@link RateBudget} remembers about its account, in epoch milliseconds: small and flat, so that a
 * {@link FileBudgetStore} can keep it as one line of text shared by processes. Mutable; guarded by its store.
 */
final class BudgetState {

    /** When the last request was booked (0: none yet). */
    long sent;
    /** No request before this (a {@code Retry-After} or throttling pause). */
    long pausedUntil;
    /** Requests the provider said remain until {@link #resetAt} (-1: it never said). */
    long remaining = -1;
    long resetAt;
    /** When the provider last said so. */
    long observedAt;
    /** The most requests seen remaining right after a reset: about the provider's limit per window (-1: unknown). */
    long limit = -1;
    /** The longest time to a reset seen: about the provider's window (0: unknown). */
    long window;
    /** When anything last changed; a store forgets states untouched for long. */
    long touched;
    /**
     * The share of the configured ceiling in use, in millionths: lowered by each rejection of a provider that
     * announces no count (a limit lower than documented, or another client), so that it is found, not configured.
     */
    long ceilingShare = 1_000_000;
    /** When the share was last lowered: a refused request sent before then was already accounted for. */
    long loweredAt;
    /**
     * Requests other clients of the credential spent in the provider's current window as far as its answers tell
     * (the count fell by more than we sent), since {@link #othersFrom}, the window's first answer.
     */
    long others;
    long othersFrom;
    /** Other clients' pace in the last window seen whole, in requests per hour (0: none seen). */
    long othersPerHour;

    /** Other clients' pace at {@code now}, requests per second: this window's, weighed with the last one's until it says enough. */
    double othersRate(long now) {
        double prior = othersPerHour / 3600.0;
        long span = Math.max(0, Math.min(now, observedAt) - othersFrom);
        long enough = Math.max(1, Math.min(60_000, window / 4));
        if (othersFrom <= 0 || span == 0) {
            return prior;
        }
        double weight = Math.min(1.0, (double) span / enough);
        return weight * others * 1000.0 / span + (1 - weight) * prior;
    }

    /** Whether the provider's count still applies at {@code now} (its window has not reset yet). */
    boolean counting(long now) {
        return remaining >= 0 && resetAt > now;
    }

    String toLine() {
        return String.format(Locale.ROOT, "%d %d %d %d %d %d %d %d %d %d %d %d %d", sent, pausedUntil, remaining,
                resetAt, observedAt, limit, window, touched, ceilingShare, loweredAt, others, othersFrom, othersPerHour);
    }

    /** The state a {@link #toLine()} wrote; empty when the text is not one (a damaged file starts afresh). */
    static Optional<BudgetState> parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 10 && f.length != 13) { // 10: written by a version that did not count other clients
            return Optional.empty();
        }
        try {
            BudgetState s = new BudgetState();
            s.sent = Long.parseLong(f[0]);
            s.pausedUntil = Long.parseLong(f[1]);
            s.remaining = Long.parseLong(f[2]);
            s.resetAt = Long.parseLong(f[3]);
            s.observedAt = Long.parseLong(f[4]);
            s.limit = Long.parseLong(f[5]);
            s.window = Long.parseLong(f[6]);
            s.touched = Long.parseLong(f[7]);
            s.ceilingShare = Math.max(1, Math.min(1_000_000, Long.parseLong(f[8])));
            s.loweredAt = Long.parseLong(f[9]);
            if (f.length == 13) {
                s.others = Long.parseLong(f[10]);
                s.othersFrom = Long.parseLong(f[11]);
                s.othersPerHour = Long.parseLong(f[12]);
            }
            return Optional.of(s);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
