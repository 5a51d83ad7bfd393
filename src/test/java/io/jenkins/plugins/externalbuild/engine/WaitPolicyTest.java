package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitPolicyTest {

    private static final double MIDDLE = 0.5;
    private static final double ALMOST_ONE = Math.nextDown(1.0);

    /** 1 s first poll, doubling, capped at 10 s, ±20 %. */
    private final WaitPolicy policy = new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 0.2,
            Duration.ofHours(1), 3, 2, true);

    private Duration delay(int polls, double random) {
        return policy.delay(polls, random, Optional.empty());
    }

    @Test
    void theFirstDelayIsTheFirstPoll() {
        assertThat(delay(0, MIDDLE)).isEqualTo(Duration.ofSeconds(1));
        WaitPolicy defaults = WaitPolicy.defaults();
        assertThat(defaults.delay(0, MIDDLE, Optional.empty())).isEqualTo(WaitPolicy.DEFAULT_FIRST_POLL);
    }

    @Test
    void delaysGrowByTheBackoffUntilTheCapAndStayThere() {
        assertThat(delay(1, MIDDLE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(delay(2, MIDDLE)).isEqualTo(Duration.ofSeconds(4));
        assertThat(delay(3, MIDDLE)).isEqualTo(Duration.ofSeconds(8));
        assertThat(delay(4, MIDDLE)).isEqualTo(Duration.ofSeconds(10));
        assertThat(delay(50, MIDDLE)).isEqualTo(Duration.ofSeconds(10));
        assertThat(delay(100_000, MIDDLE)).as("pow overflows to infinity").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aNegativePollCountIsTreatedAsTheFirstPoll() {
        assertThat(delay(-3, MIDDLE)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBackoffOfOnePollsAtAFixedRate() {
        WaitPolicy fixed = new WaitPolicy(Duration.ofSeconds(3), Duration.ofSeconds(30), 1.0, 0, Duration.ofHours(1),
                3, 2, true);
        assertThat(fixed.delay(0, MIDDLE, Optional.empty())).isEqualTo(Duration.ofSeconds(3));
        assertThat(fixed.delay(20, 0.99, Optional.empty())).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void jitterSpreadsTheDelayWithinItsBand() {
        assertThat(delay(1, 0.0)).isEqualTo(Duration.ofMillis(1600));
        assertThat(delay(1, ALMOST_ONE)).isEqualTo(Duration.ofMillis(2400));
        for (double r = 0; r < 1; r += 0.01) {
            assertThat(delay(2, r)).isBetween(Duration.ofMillis(3200), Duration.ofMillis(4800));
        }
    }

    @Test
    void jitterNeverTakesTheDelayAboveTheCap() {
        assertThat(delay(10, 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(delay(10, ALMOST_ONE)).isEqualTo(Duration.ofSeconds(10));
        assertThat(delay(3, ALMOST_ONE)).as("8 s + 20 % stays under the cap").isEqualTo(Duration.ofMillis(9600));
        assertThat(delay(4, ALMOST_ONE)).as("16 s capped to 10 s, + 20 % clipped").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryAfterIsNeverUndercut() {
        Duration retryAfter = Duration.ofSeconds(42);
        assertThat(policy.delay(0, 0.0, Optional.of(retryAfter))).isEqualTo(retryAfter);
        assertThat(policy.delay(10, ALMOST_ONE, Optional.of(retryAfter))).as("even above the cap").isEqualTo(retryAfter);
        for (int polls = 0; polls < 10; polls++) {
            for (double r = 0; r < 1; r += 0.1) {
                assertThat(policy.delay(polls, r, Optional.of(Duration.ofMillis(1500))))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            }
        }
    }

    @Test
    void aShorterRetryAfterDoesNotShortenTheDelay() {
        assertThat(policy.delay(2, MIDDLE, Optional.of(Duration.ofMillis(10)))).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(2, MIDDLE, Optional.of(Duration.ZERO))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theDefaultsAreTheDocumentedConstants() {
        WaitPolicy defaults = WaitPolicy.defaults();
        assertThat(defaults.firstPoll()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.cap()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.backoff()).isEqualTo(1.5);
        assertThat(defaults.jitter()).isEqualTo(0.2);
        assertThat(defaults.timeout()).isEqualTo(Duration.ofHours(2));
        assertThat(defaults.maxErrors()).isEqualTo(10);
        assertThat(defaults.maxUnknown()).isEqualTo(5);
        assertThat(defaults.stopOnManual()).isTrue();
    }

    @Test
    void withersChangeOnlyTheirComponent() {
        WaitPolicy longer = policy.withTimeout(Duration.ofHours(5));
        assertThat(longer).isEqualTo(new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 0.2,
                Duration.ofHours(5), 3, 2, true));
        assertThat(policy.withStopOnManual(false).stopOnManual()).isFalse();
        assertThat(policy.withCap(Duration.ofSeconds(30)).cap()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCapBelowTheFirstPollLowersTheFirstPollToo() {
        WaitPolicy small = policy.withCap(Duration.ofMillis(500));
        assertThat(small.firstPoll()).isEqualTo(Duration.ofMillis(500));
        assertThat(small.delay(0, MIDDLE, Optional.empty())).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aBackoffBelowOneIsRejected() {
        assertThatThrownBy(() -> new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.9, 0.2,
                Duration.ofHours(1), 3, 2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("backoff < 1: 0.9");
    }

    @Test
    void aCapBelowTheFirstPollOrZeroIsRejected() {
        assertThatThrownBy(() -> new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(4), 2, 0.2,
                Duration.ofHours(1), 3, 2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cap < firstPoll or zero: PT4S");
        assertThatThrownBy(() -> new WaitPolicy(Duration.ZERO, Duration.ZERO, 2, 0.2, Duration.ofHours(1), 3, 2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cap < firstPoll or zero: PT0S");
    }

    @Test
    void aNegativeFirstPollIsRejected() {
        assertThatThrownBy(() -> new WaitPolicy(Duration.ofSeconds(-1), Duration.ofSeconds(4), 2, 0.2,
                Duration.ofHours(1), 3, 2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("firstPoll < 0: PT-1S");
    }

    @Test
    void jitterOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 2, -0.1,
                Duration.ofHours(1), 3, 2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jitter outside [0, 1): -0.1");
        assertThatThrownBy(() -> new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 2, 1.0,
                Duration.ofHours(1), 3, 2, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jitter outside [0, 1): 1.0");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRejected() {
        assertThatThrownBy(() -> policy.withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout <= 0: PT0S");
        assertThatThrownBy(() -> policy.withTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout <= 0: PT-1S");
    }

    @Test
    void negativeMaxErrorsOrMaxUnknownBelowOneIsRejected() {
        assertThatThrownBy(() -> new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 2, 0.2,
                Duration.ofHours(1), -1, 2, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxErrors < 0 or maxUnknown < 1: -1, 2");
        assertThatThrownBy(() -> new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 2, 0.2,
                Duration.ofHours(1), 0, 0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxErrors < 0 or maxUnknown < 1: 0, 0");
    }

    @Test
    void missingDurationsAreNamed() {
        assertThatThrownBy(() -> new WaitPolicy(null, Duration.ofSeconds(4), 2, 0.2, Duration.ofHours(1), 3, 2, true))
                .isInstanceOf(NullPointerException.class).hasMessage("firstPoll");
        assertThatThrownBy(() -> new WaitPolicy(Duration.ofSeconds(1), null, 2, 0.2, Duration.ofHours(1), 3, 2, true))
                .isInstanceOf(NullPointerException.class).hasMessage("cap");
        assertThatThrownBy(() -> new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 2, 0.2, null, 3, 2, true))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
    }
}
