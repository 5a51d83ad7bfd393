package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The clamping every restart/wait form and step applies to what a user typed. */
class LoopOptionsTest {

    @Test
    void attemptsDelayAndBackoffAreClampedToTheirRanges() {
        assertThat(LoopOptions.clampAttempts(0)).isEqualTo(1);
        assertThat(LoopOptions.clampAttempts(500)).isEqualTo(20);
        assertThat(LoopOptions.clampDelaySeconds(-5)).isZero();
        assertThat(LoopOptions.clampDelaySeconds(99_999)).isEqualTo(3600);
        assertThat(LoopOptions.clampBackoff(Double.NaN)).isEqualTo(1.0);
        assertThat(LoopOptions.clampBackoff(0.5)).isEqualTo(1.0);
        assertThat(LoopOptions.clampBackoff(42)).isEqualTo(10.0);
        assertThat(LoopOptions.clampBackoff(2.5)).isEqualTo(2.5);
    }

    @Test
    void emptyChoicesFallBackAndOthersAreTrimmed() {
        assertThat(LoopOptions.orDefault(null, "cancel")).isEqualTo("cancel");
        assertThat(LoopOptions.orDefault("  ", "cancel")).isEqualTo("cancel");
        assertThat(LoopOptions.orDefault(" leave ", "cancel")).isEqualTo("leave");
    }
}
