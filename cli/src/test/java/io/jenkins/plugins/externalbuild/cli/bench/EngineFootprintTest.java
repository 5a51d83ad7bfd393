package io.jenkins.plugins.externalbuild.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The CLI's engine runs its waits on at most four threads, the HTTP stack's (OkHttp, Okio) included (issue 11). */
class EngineFootprintTest {

    @Test
    void manyWaitsRunOnAtMostFourThreadsTheHttpStacksIncluded() throws Exception {
        WaitPolicy fast = new WaitPolicy(Duration.ofMillis(100), Duration.ofMillis(200), 1.5, 0.0, Duration.ofMinutes(2),
                3, 5, true);

        EngineFootprint.Figures f = EngineFootprint.measure(50, fast);

        assertThat(f.polls()).as("steady state: every wait polled several times").isGreaterThanOrEqualTo(4L * 50);
        assertThat(f.threads()).as("threads: %s", f.threads()).hasSizeLessThanOrEqualTo(4);
    }
}
