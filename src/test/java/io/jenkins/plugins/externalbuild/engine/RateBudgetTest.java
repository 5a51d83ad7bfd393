package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateBudgetTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void anUnlimitedBudgetNeverHoldsARequestBack() {
        RateBudget b = RateBudget.unlimited("u");
        for (int i = 0; i < 1000; i++) {
            assertThat(b.acquire(T0)).isTrue();
        }
        assertThat(b.limited()).isFalse();
        assertThat(b.nextSlot(T0)).isEqualTo(T0);
    }

    @Test
    void aConfiguredCeilingSpacesRequestsAtNinetyPercentOfIt() {
        RateBudget codeship = new RateBudget("codeship", 1.0); // 60 a minute
        assertThat(codeship.acquire(T0)).isTrue();
        assertThat(codeship.acquire(T0)).as("the next slot is later").isFalse();
        assertThat(codeship.nextSlot(T0)).isEqualTo(T0.plusMillis(1111));
        int sent = 1;
        for (Instant t = codeship.nextSlot(T0); t.isBefore(T0.plusSeconds(60)); t = codeship.nextSlot(t)) {
            assertThat(codeship.acquire(t)).isTrue();
            sent++;
        }
        assertThat(sent).as("slots 1.111 s apart in [0 s, 60 s): under the 60 allowed").isEqualTo(55);
    }

    @Test
    void aRequestSentWithoutASlotIsBookedAsItGoes() {
        RateBudget codeship = new RateBudget("codeship", 1.0);
        codeship.spend(T0); // a request outside the engine's pump, e.g. a restart's second request
        assertThat(codeship.nextSlot(T0)).as("the next request is spaced from it").isEqualTo(T0.plusMillis(1111));
    }

    @Test
    void theSlotBookedForACallIsItsFirstRequestAndOnlyTheFirst() {
        RateBudget github = new RateBudget("github", Double.POSITIVE_INFINITY);
        github.observe(T0, 100, T0.plusSeconds(3600));
        assertThat(github.acquire(T0)).isTrue(); // 99 left
        github.prepaid(() -> {
            github.spend(T0); // the booked request: not counted again
            github.spend(T0); // a second request of the same call (a restart that reads first): counted
        });
        github.observe(T0, 98, T0.plusSeconds(3600));
        RateBudget fresh = new RateBudget("fresh", Double.POSITIVE_INFINITY);
        fresh.observe(T0, 98, T0.plusSeconds(3600));
        assertThat(github.nextSlot(T0)).as("98 left after two requests, as the provider counts")
                .isEqualTo(T0.plusMillis(Math.round(1000 / (96 * RateBudget.SAFETY / 3600))));
        github.spend(T0.plusSeconds(1)); // outside the call: booked
        assertThat(github.nextSlot(T0.plusSeconds(1))).isAfter(T0.plusSeconds(1));
        assertThat(fresh.nextSlot(T0)).isEqualTo(T0);
    }

    /**
     * Another client of the same token spends half of GitHub's 5,000 an hour, evenly: the budget, sending as fast as
     * it allows and told the remaining count by every answer, is never refused — it leaves the other client its
     * pace rather than find the count spent between two of its answers at the end of the window.
     */
    @Test
    void anotherClientSpendingSteadilyIsLeftItsShare() {
        RateBudget ours = new RateBudget("github", Double.POSITIVE_INFINITY);
        long limit = 5000;
        long hour = 3_600_000;
        long used = 0;
        long window = 0;
        int refused = 0;
        int sent = 0;
        for (Instant t = T0; t.isBefore(T0.plus(Duration.ofHours(4))); ) {
            long ms = t.toEpochMilli() - T0.toEpochMilli();
            if (ms / hour != window) {
                window = ms / hour;
                used = 0;
            }
            long other = (long) Math.floor(0.5 * limit * (ms % hour) / hour);
            if (!ours.acquire(t)) { // at a reset, the new window's pace may set the slot later
                t = ours.nextSlot(t);
                continue;
            }
            sent++;
            if (used + other >= limit) {
                refused++;
            } else {
                used++;
            }
            Instant reset = T0.plusMillis((window + 1) * hour);
            ours.observe(t, Math.max(0, limit - used - other), reset);
            t = ours.nextSlot(t);
        }
        assertThat(refused).as("refused of %d sent", sent).isZero();
        assertThat(sent).as("and it still spends most of its half").isGreaterThan((int) (0.8 * 4 * limit / 2));
    }

    @Test
    void theProvidersRemainingAndResetSetTheRate() {
        RateBudget github = new RateBudget("github", Double.POSITIVE_INFINITY);
        github.observe(T0, 5000, T0.plusSeconds(3600));
        assertThat(github.rate()).isCloseTo((5000 - 2) * 0.9 / 3600, org.assertj.core.data.Offset.offset(1e-9));
        github.observe(T0, 100, T0.plusSeconds(3600));
        assertThat(github.rate()).as("other clients used most of it: slow down").isLessThan(0.03);
    }

    @Test
    void nothingGoesWhenTheRemainingReserveIsReachedUntilTheReset() {
        RateBudget b = new RateBudget("gitlab", Double.POSITIVE_INFINITY);
        b.observe(T0, 2, T0.plusSeconds(30));
        assertThat(b.nextSlot(T0)).isEqualTo(T0.plusSeconds(30));
        assertThat(b.acquire(T0.plusSeconds(10))).isFalse();
    }

    @Test
    void aPauseHoldsEveryRequestUntilItEnds() {
        RateBudget b = RateBudget.unlimited("codebuild");
        b.pause(T0.plusSeconds(5));
        assertThat(b.limited()).isTrue();
        assertThat(b.acquire(T0.plusSeconds(4))).isFalse();
        assertThat(b.acquire(T0.plusSeconds(5))).isTrue();
        assertThat(b.backlog(T0)).isEqualTo(Duration.ZERO.plusSeconds(5));
    }

    @Test
    void aNearlyEmptyWindowHoldsRequestsOnlyUntilItsResetAndAHealthyAnswerRestoresThePace() {
        RateBudget b = new RateBudget("gitlab", Double.POSITIVE_INFINITY);
        b.observe(T0, 1, T0.plusSeconds(20));
        assertThat(b.nextSlot(T0)).isEqualTo(T0.plusSeconds(20));
        assertThat(b.acquire(T0.plusSeconds(20))).as("the window reset").isTrue();
        b.observe(T0.plusSeconds(20), 599, T0.plusSeconds(80));
        assertThat(b.nextSlot(T0.plusSeconds(20))).as("(599 - 2) x 0.9 / 60 s: one every 112 ms, not an hour")
                .isEqualTo(T0.plusSeconds(20).plusMillis(112));
    }

    @Test
    void aRetryAfterDecidesOverTheCountOfTheSameAnswerAndThePaceRecoversAfterIt() {
        RateBudget b = new RateBudget("gitlab", Double.POSITIVE_INFINITY);
        b.observe(T0, 0, T0.plusSeconds(60)); // a 429: RateLimit-Remaining 0, reset in a minute ...
        b.pause(T0.plusSeconds(5)); // ... and Retry-After: 5
        assertThat(b.nextSlot(T0)).isEqualTo(T0.plusSeconds(5));
        assertThat(b.acquire(T0.plusSeconds(5))).isTrue();
        b.observe(T0.plusSeconds(5), 500, T0.plusSeconds(60));
        assertThat(b.backlog(T0.plusSeconds(5))).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void thePlannedRateDoesNotCollapseAtTheEndOfAWindow() {
        RateBudget b = new RateBudget("gitlab", Double.POSITIVE_INFINITY);
        b.observe(T0, 59, T0.plusSeconds(60)); // a window of 60 a minute, just after its reset
        for (int i = 1; i <= 57; i++) {
            b.spend(T0.plusMillis(i * 1000L)); // our requests
        }
        b.observe(T0.plusSeconds(58), 2, T0.plusSeconds(60)); // its end: the reserve is left
        assertThat(b.plannedRate(T0.plusSeconds(58))).as("(59 - 2) x 0.9 / 60 s").isCloseTo(0.855,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.nextSlot(T0.plusSeconds(58))).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aNonPositiveCeilingIsRefused() {
        assertThatThrownBy(() -> new RateBudget("x", 0)).hasMessage("ceilingPerSecond <= 0: 0.0");
    }

    @Test
    void budgetsAreSharedByKey() {
        RateBudgets budgets = new RateBudgets();
        assertThat(budgets.budget("gitlab|https://g|abc", 1)).isSameAs(budgets.budget("gitlab|https://g|abc", 5));
        assertThat(budgets.budget("gitlab|https://g|def", 1)).isNotSameAs(budgets.budget("gitlab|https://g|abc", 1));
        assertThat(budgets.size()).isEqualTo(2);
    }
}
