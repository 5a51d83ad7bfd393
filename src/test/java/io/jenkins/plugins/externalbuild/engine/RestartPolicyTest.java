package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.engine.RestartPolicy.OnAbort;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.RetryOn;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void theFirstRestartIsImmediateThenTheDelayGrowsByTheBackoff() {
        RestartPolicy p = new RestartPolicy(RestartMode.ALL, 5, Duration.ofSeconds(30), 2.0, RetryOn.FAILURE, true,
                OnAbort.CANCEL);
        assertThat(p.delayBefore(1)).isZero();
        assertThat(p.delayBefore(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.delayBefore(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.delayBefore(4)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void theDelayNeverExceedsAnHour() {
        RestartPolicy p = new RestartPolicy(null, 20, Duration.ofMinutes(50), 10.0, RetryOn.FAILURE, true, OnAbort.CANCEL);
        assertThat(p.delayBefore(20)).isEqualTo(RestartPolicy.MAX_DELAY);
    }

    @Test
    void impossibleValuesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new RestartPolicy(null, 21, Duration.ZERO, 1, RetryOn.FAILURE, true, OnAbort.CANCEL))
                .hasMessage("attempts outside [0, 20]: 21");
        assertThatThrownBy(() -> new RestartPolicy(null, 1, Duration.ofSeconds(-1), 1, RetryOn.FAILURE, true, OnAbort.CANCEL))
                .hasMessageStartingWith("delay outside");
        assertThatThrownBy(() -> new RestartPolicy(null, 1, Duration.ZERO, 0.5, RetryOn.FAILURE, true, OnAbort.CANCEL))
                .hasMessage("backoff outside [1, 10]: 0.5");
        assertThatThrownBy(() -> new RestartPolicy(null, 1, Duration.ZERO, Double.NaN, RetryOn.FAILURE, true, OnAbort.CANCEL))
                .hasMessage("backoff outside [1, 10]: NaN");
    }

    @Test
    void optionWordsParseCaseInsensitivelyAndListTheChoicesOtherwise() {
        assertThat(RetryOn.parse(" Transient ")).isEqualTo(RetryOn.TRANSIENT);
        assertThat(OnAbort.parse("leave")).isEqualTo(OnAbort.LEAVE);
        assertThatThrownBy(() -> OnAbort.parse("kill")).hasMessage("Unknown onAbort 'kill': expected one of cancel, leave");
        assertThatThrownBy(() -> RetryOn.parse(null)).hasMessage("Unknown retryOn 'null': expected one of failure, transient");
    }
}
