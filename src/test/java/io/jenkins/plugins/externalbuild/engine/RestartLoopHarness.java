package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.RestartPolicy.OnAbort;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy.RetryOn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the restart loop tests share: a manual clock, a loop on it, a listener that records, restart policies. */
abstract class RestartLoopHarness {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final WaitPolicy WAIT = new WaitPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), 1.5, 0.0,
            Duration.ofHours(2), 3, 5, true);

    /** Records what the loop reports: one line per event, every saved state, the outcome. */
    static class Recorder implements RestartLoop.Listener {
        final List<String> lines = new ArrayList<>();
        final List<String> saves = new ArrayList<>();
        final List<RestartOutcome> outcomes = new ArrayList<>();

        @Override
        public void statusChanged(RestartState state, BuildStatus previous) {
            lines.add("status " + state.waitState().ref().id() + " " + state.waitState().status().state());
        }

        @Override
        public void restarted(RestartState state, Attempt from, RestartMode mode) {
            lines.add("restarted " + from.ref().id() + " -> " + state.waitState().ref().id() + " #" + state.waitState().attempt());
        }

        @Override
        public void restartScheduled(RestartState state, Duration delay, String reason) {
            lines.add("restart in " + delay.toSeconds() + "s");
        }

        @Override
        public void saved(RestartState state) {
            saves.add(state.toJson());
        }

        @Override
        public void finished(RestartOutcome outcome) {
            outcomes.add(outcome);
        }

        RestartOutcome outcome() {
            assertThat(outcomes).hasSize(1);
            return outcomes.get(0);
        }
    }

    final ManualScheduler clock = new ManualScheduler(T0);
    final RestartLoop loop = new RestartLoop(clock, clock.io(), () -> 0.5);

    static RestartPolicy policy(int attempts, int delaySeconds, double backoff, RetryOn retryOn) {
        return new RestartPolicy(RestartMode.FAILED, attempts, Duration.ofSeconds(delaySeconds), backoff, retryOn, true,
                OnAbort.CANCEL);
    }
}
