package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildOperations;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.ManualScheduler;
import io.jenkins.plugins.externalbuild.engine.RestartLoop;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run page's data ({@link ExternalBuildAction} of {@link ExternalBuildRecord}s), fed by the real engine loop
 * exactly as the steps feed it: every state the loop reports is recorded under one key.
 */
class ExternalBuildRecordTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SERVER = "http://127.0.0.1:8010";

    /** A Buildbot-like server: build 1 failed; a restart is build request 7; statuses set by the test. */
    private static final class Server implements BuildOperations {
        final Map<String, BuildStatus> status = new HashMap<>();
        final List<String> cancelled = new ArrayList<>();
        boolean cancelFails;

        @Override
        public BuildStatus status(BuildRef ref) {
            return status.get(ref.id());
        }

        @Override
        public Attempt restart(Attempt current, RestartMode mode) {
            BuildRef next = new BuildRef("buildbot", "buildrequest", SERVER, "4", "7", SERVER + "/#/buildrequests/7");
            return current.next(next);
        }

        @Override
        public void cancel(BuildRef ref) {
            cancelled.add(ref.id());
            if (cancelFails) {
                throw new IllegalStateException("cancel refused");
            }
        }
    }

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final Server server = new Server();
    private final ExternalBuildAction action = new ExternalBuildAction();
    private final BuildRef build1 = new BuildRef("buildbot", "build", SERVER, "4", "1", SERVER + "/#/builders/4/builds/1");

    private RestartLoop.Handle start(RestartState initial, RestartPolicy policy) {
        action.put(ExternalBuildRecord.of("k", initial)); // as the step records its initial state
        return new RestartLoop(clock, clock.io(), () -> 0.5).start(initial, policy, WaitPolicy.defaults(), server,
                new RestartLoop.Listener() {
                    @Override
                    public void statusChanged(RestartState s, BuildStatus previous) {
                        action.put(ExternalBuildRecord.of("k", s));
                    }

                    @Override
                    public void restarted(RestartState s, Attempt from, RestartMode mode) {
                        action.put(ExternalBuildRecord.of("k", s));
                    }

                    @Override
                    public void finished(RestartOutcome outcome) {
                        action.put(ExternalBuildRecord.of("k", outcome.state()));
                    }
                });
    }

    /** Steps the fake controller until {@code condition} holds (at most 1000 steps). */
    private void runUntil(java.util.function.BooleanSupplier condition) {
        for (int i = 0; !condition.getAsBoolean(); i++) {
            assertThat(i < 1000 && clock.step()).as("the condition never held").isTrue();
        }
    }

    private boolean currentIs(String state) {
        return !action.getBuilds().isEmpty() && record().getCurrent().getState().equals(state);
    }

    private ExternalBuildRecord record() {
        assertThat(action.getBuilds()).hasSize(1);
        return action.getBuilds().get(0);
    }

    @Test
    void theTitleNamesWhatWasRestartedNotTheLastAttempt() {
        server.status.put("1", BuildStatus.of(State.FAILED, "failure"));
        server.status.put("7", BuildStatus.of(State.SUCCESS, "success"));
        start(RestartState.forRestart(build1, T0, WaitPolicy.defaults()), RestartPolicy.once(RestartMode.ALL));
        clock.runUntilIdle();

        ExternalBuildRecord r = record();
        assertThat(r.getResult()).isEqualTo("succeeded");
        assertThat(r.getTitle()).isEqualTo("Restart of buildbot build 1 (4)");
        assertThat(r.getSubjectUrl()).isEqualTo(SERVER + "/#/builders/4/builds/1");
        assertThat(r.getAttempts()).extracting(ExternalBuildRecord.Link::getSymbol).containsExactly("red", "blue");
        assertThat(r.getAttempts()).extracting(ExternalBuildRecord.Link::getUrl)
                .containsExactly(SERVER + "/#/builders/4/builds/1", SERVER + "/#/buildrequests/7");
        ExternalBuildRecord.Link restarted = r.getAttempts().get(1);
        assertThat(restarted.getStarted()).as("when this run restarted it").isEqualTo("2026-03-01 10:00:00 UTC");
        assertThat(restarted.getDuration()).isNotEmpty();
        assertThat(r.getResultSymbol()).isEqualTo("blue");
    }

    @Test
    void aWaitIsTitledAsOneAndShowsTheProvidersTiming() {
        long started = T0.minusSeconds(95).toEpochMilli();
        server.status.put("1", BuildStatus.of(State.SUCCESS, "success").withTiming(started, 83_000L));
        start(RestartState.forWait(build1, T0, WaitPolicy.defaults()), RestartPolicy.waitOnly(RestartPolicy.OnAbort.LEAVE));
        clock.runUntilIdle();

        ExternalBuildRecord r = record();
        assertThat(r.getTitle()).isEqualTo("Wait for buildbot build 1 (4)");
        assertThat(r.getCurrent().getStarted()).isEqualTo("2026-03-01 09:58:25 UTC");
        assertThat(r.getCurrent().getDuration()).isEqualTo("1 min 23 s");
    }

    @Test
    void afterAnAbortThatCancelledTheRemoteBuildTheAttemptIsNoLongerRunning() {
        server.status.put("1", BuildStatus.of(State.FAILED, "failure"));
        server.status.put("7", BuildStatus.of(State.RUNNING, "building"));
        RestartLoop.Handle handle = start(RestartState.forRestart(build1, T0, WaitPolicy.defaults()),
                RestartPolicy.once(RestartMode.ALL));
        runUntil(() -> record().getAttempts().size() == 2 && currentIs("running"));
        assertThat(record().getCurrent().getSymbol()).isEqualTo("nobuilt-anime");

        handle.stop();
        clock.runUntilIdle();

        assertThat(server.cancelled).containsExactly("7");
        ExternalBuildRecord r = record();
        assertThat(r.getResult()).isEqualTo("cancelled");
        assertThat(r.getCurrent().getStatus()).isEqualTo("cancel requested (was running (building))");
        assertThat(r.getCurrent().getSymbol()).isEqualTo("aborted");
        assertThat(r.getTitle()).as("still what was restarted").isEqualTo("Restart of buildbot build 1 (4)");
    }

    @Test
    void anAbortBeforeTheRestartedAttemptWasReadStillEndsIt() {
        server.status.put("1", BuildStatus.of(State.FAILED, "failure"));
        server.status.put("7", BuildStatus.of(State.RUNNING, "building"));
        RestartLoop.Handle handle = start(RestartState.forRestart(build1, T0, WaitPolicy.defaults()),
                RestartPolicy.once(RestartMode.ALL));
        runUntil(() -> record().getAttempts().size() == 2); // restarted; attempt 2 not polled yet
        assertThat(record().getCurrent().getStatus()).isEmpty();

        handle.stop();
        clock.runUntilIdle();

        assertThat(server.cancelled).containsExactly("7");
        ExternalBuildRecord.Link current = record().getCurrent();
        assertThat(current.getStatus()).isEqualTo("cancel requested (was not read yet)");
        assertThat(current.getSymbol()).isEqualTo("aborted");
        assertThat(current.getDuration()).as("from the restart to the cancel").isNotEmpty();
    }

    @Test
    void afterAnAbortThatLeftTheRemoteBuildItSaysSo() {
        server.status.put("1", BuildStatus.of(State.RUNNING, "building"));
        RestartLoop.Handle handle = start(RestartState.forWait(build1, T0, WaitPolicy.defaults()),
                RestartPolicy.waitOnly(RestartPolicy.OnAbort.LEAVE));
        runUntil(() -> currentIs("running"));

        handle.stop();
        clock.runUntilIdle();

        assertThat(server.cancelled).isEmpty();
        ExternalBuildRecord.Link current = record().getCurrent();
        assertThat(current.getStatus()).isEqualTo("left running (onAbort: leave; was running (building))");
        assertThat(current.getSymbol()).isEqualTo("nobuilt");
    }

    @Test
    void aCancelThatFailedSaysSoInsteadOfCancelRequested() {
        server.status.put("1", BuildStatus.of(State.RUNNING, "building"));
        server.cancelFails = true;
        RestartLoop.Handle handle = start(RestartState.forWait(build1, T0, WaitPolicy.defaults()),
                RestartPolicy.waitOnly(RestartPolicy.OnAbort.CANCEL));
        runUntil(() -> currentIs("running"));

        handle.stop();
        clock.runUntilIdle();

        assertThat(server.cancelled).containsExactly("1");
        assertThat(record().getCurrent().getStatus()).isEqualTo("cancel failed (was running (building))");
    }

    @Test
    void whatTheStopDidIsReadFromTheStateNotFromTheMessageText() {
        RestartState running = RestartState.forWait(build1, T0, WaitPolicy.defaults());
        running = running.withWait(running.waitState().observed(BuildStatus.of(State.RUNNING, "building"), T0));
        action.put(ExternalBuildRecord.of("k", running));

        action.put(ExternalBuildRecord.of("k", running.stoppedWithoutLoop(RestartOutcome.AfterStop.CANCELLED,
                "any wording at all")));

        ExternalBuildRecord.Link current = record().getCurrent();
        assertThat(current.getStatus()).isEqualTo("cancel requested (was running (building))");
        assertThat(current.getSymbol()).isEqualTo("aborted");
        assertThat(record().getResult()).isEqualTo("cancelled");
    }
}
