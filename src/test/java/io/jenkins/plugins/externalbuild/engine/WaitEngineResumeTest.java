package io.jenkins.plugins.externalbuild.engine;

import static io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.FAILED;
import static io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.MANUAL;
import static io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.QUEUED;
import static io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.REF;
import static io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.RUNNING;
import static io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.SUCCESS;
import static io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.T0;
import static io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.Change;
import io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.ClassifiedException;
import io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.PollFailure;
import io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.RecordingListener;
import io.jenkins.plugins.externalbuild.engine.WaitEngineHarness.ScriptedReader;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A wait survives the death of its process after any poll: the state the listener last saved, written
 * as JSON and read back by a new engine on a new scheduler, carries the wait on exactly as if nothing
 * had happened.
 */
class WaitEngineResumeTest {

    private static final long SEED = 20250101L;

    /** With jitter, so that a resume that drew random numbers differently would show. */
    private static final WaitPolicy POLICY = new WaitPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 1.7, 0.2,
            Duration.ofMinutes(10), 3, 3, true);

    record Scenario(String name, WaitPolicy policy, Object forever, Object... script) {
        ScriptedReader reader(Supplier<Instant> clock) {
            return new ScriptedReader(clock, forever, script);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        ClassifiedException badGateway = new ClassifiedException(FailureKind.TRANSIENT, "502 Bad Gateway");
        return Stream.of(
                new Scenario("success through errors, a Retry-After and an unknown status", POLICY, null,
                        QUEUED, QUEUED, badGateway,
                        new ClassifiedException(FailureKind.RATE_LIMITED, "429", Duration.ofSeconds(40)),
                        RUNNING, UNKNOWN, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, SUCCESS),
                new Scenario("failed build", POLICY, null, QUEUED, RUNNING, RUNNING, FAILED),
                new Scenario("timeout", POLICY.withTimeout(Duration.ofSeconds(100)), RUNNING, QUEUED),
                new Scenario("too many errors", POLICY, null, RUNNING, RUNNING, badGateway, badGateway, badGateway,
                        badGateway),
                new Scenario("disappeared", POLICY, null, QUEUED, RUNNING,
                        new ClassifiedException(FailureKind.NOT_FOUND, "404")),
                new Scenario("unknown statuses", POLICY, null, RUNNING, UNKNOWN, UNKNOWN, UNKNOWN),
                new Scenario("manual", POLICY, null, QUEUED, MANUAL));
    }

    /** What an observer of a wait can see. */
    record Trace(WaitOutcome outcome, List<Instant> polls, List<Change> changes, List<PollFailure> failures,
                 Instant endedAt) {
    }

    private static WaitState startState(Scenario scenario) {
        return WaitState.start(Attempt.first(REF), List.of(), T0, scenario.policy(), Duration.ZERO);
    }

    private static Trace uninterrupted(Scenario scenario) {
        FakeScheduler scheduler = new FakeScheduler(T0);
        ScriptedReader reader = scenario.reader(scheduler::now);
        RecordingListener listener = new RecordingListener();
        Random random = new Random(SEED);

        new WaitEngine(scheduler, Runnable::run, random::nextDouble)
                .start(startState(scenario), scenario.policy(), reader, listener);
        scheduler.runUntilIdle();

        assertThat(listener.finished).hasSize(1);
        return new Trace(listener.finished.get(0), reader.polls, listener.changes, listener.failures, scheduler.now());
    }

    /** Kills the process after every poll: only the JSON of the last saved state, the clock and the log go on. */
    private static Trace restartedAfterEveryPoll(Scenario scenario) {
        FakeScheduler[] process = {new FakeScheduler(T0)};
        ScriptedReader reader = scenario.reader(() -> process[0].now());
        RecordingListener listener = new RecordingListener();
        Random random = new Random(SEED);
        String json = startState(scenario).toJson();
        int processes = 0;

        while (listener.finished.isEmpty()) {
            FakeScheduler scheduler = new FakeScheduler(process[0].now());
            process[0] = scheduler;
            processes++;
            assertThat(processes).as("a resumed wait makes progress").isLessThan(1_000);
            // The handle is dropped: nothing of the previous engine survives but the JSON.
            new WaitEngine(scheduler, Runnable::run, random::nextDouble)
                    .start(WaitState.fromJson(json), scenario.policy(), reader, listener);
            int before = reader.count();
            while (reader.count() == before && listener.finished.isEmpty()) {
                assertThat(scheduler.runNext()).as("a resumed wait always has a poll or its end scheduled").isTrue();
            }
            json = listener.lastSaved().toJson();
        }

        assertThat(listener.finished).as("finished exactly once across all processes").hasSize(1);
        assertThat(process[0].pending()).isZero();
        assertThat(processes).as("one process per poll, plus one that only timed out")
                .isBetween(reader.count(), reader.count() + 1);
        return new Trace(listener.finished.get(0), reader.polls, listener.changes, listener.failures,
                process[0].now());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aWaitResumedFromItsJsonAfterEveryPollEndsAsTheUninterruptedWait(Scenario scenario) {
        Trace expected = uninterrupted(scenario);

        Trace resumed = restartedAfterEveryPoll(scenario);

        assertThat(resumed.outcome().result()).isEqualTo(expected.outcome().result());
        assertThat(resumed.polls()).as("same number of polls at the same times").isEqualTo(expected.polls());
        assertThat(resumed.outcome()).isEqualTo(expected.outcome());
        assertThat(resumed.changes()).isEqualTo(expected.changes());
        assertThat(resumed.failures()).isEqualTo(expected.failures());
        assertThat(resumed.endedAt()).isEqualTo(expected.endedAt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theScenariosEndAsTheirNamesSay(Scenario scenario) {
        Result expected = switch (scenario.name()) {
            case "success through errors, a Retry-After and an unknown status" -> Result.SUCCEEDED;
            case "failed build" -> Result.FAILED;
            case "timeout" -> Result.TIMED_OUT;
            case "manual" -> Result.BLOCKED;
            default -> Result.ERROR;
        };
        Trace trace = uninterrupted(scenario);

        assertThat(trace.outcome().result()).isEqualTo(expected);
        assertThat(trace.polls()).hasSizeGreaterThanOrEqualTo(2);
    }
}
