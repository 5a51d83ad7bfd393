package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.provider.BuildTarget;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a run keeps for {@link AbortedRunListener} ({@link ExternalBuildAction}'s in-flight builds): the step's last
 * recorded state, how to reach the build again, {@code onAbort}; dropped when the step ends or is stopped, and
 * taken once.
 */
class InFlightBuildTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final BuildRef JOB_8 = new BuildRef("gitlab", "job", "https://gitlab.example.com", "g/app", "8",
            "https://gitlab.example.com/g/app/-/jobs/8");
    private static final BuildTarget TARGET = new BuildTarget(JOB_8, URI.create("https://gitlab.example.com/api/v4"),
            "gitlab-token");

    private final ExternalBuildAction action = new ExternalBuildAction();
    private final RestartState waiting = running(RestartState.forWait(JOB_8, T0, WaitPolicy.defaults()));

    private static RestartState running(RestartState s) {
        return s.withWait(s.waitState().observed(BuildStatus.of(BuildStatus.State.RUNNING, "running"), T0));
    }

    @Test
    void theLastRecordedStateIsTakenOnceWithWhatReachesTheBuildAgain() {
        RestartState initial = RestartState.forWait(JOB_8, T0, WaitPolicy.defaults());
        action.follow(new InFlightBuild("k", TARGET, RestartPolicy.OnAbort.CANCEL, initial));
        action.record("k", initial);
        action.record("k", waiting);

        assertThat(action.takeInFlight()).singleElement().satisfies(b -> {
            assertThat(b.state()).isEqualTo(waiting);
            assertThat(b.target()).isEqualTo(TARGET);
            assertThat(b.leave()).isFalse();
        });
        assertThat(action.takeInFlight()).as("taken once").isEmpty();
    }

    @Test
    void aStepThatEndedOrWasStoppedIsNoLongerInFlight() {
        action.follow(new InFlightBuild("ended", TARGET, RestartPolicy.OnAbort.CANCEL, waiting));
        action.follow(new InFlightBuild("stopped", TARGET, RestartPolicy.OnAbort.LEAVE, waiting));
        action.follow(new InFlightBuild("other", TARGET, RestartPolicy.OnAbort.LEAVE, waiting));

        action.record("ended", waiting.stoppedWithoutLoop(RestartOutcome.AfterStop.CANCELLED, "cancelled"));
        assertThat(action.release("stopped")).isTrue();
        assertThat(action.release("stopped")).isFalse();

        assertThat(action.takeInFlight()).extracting(InFlightBuild::key).containsExactly("other");
        assertThat(action.getBuilds()).extracting(ExternalBuildRecord::getResult).containsExactly("cancelled");
    }
}
