package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WaitEngineTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final BuildRef REF = new BuildRef("gitlab", "job", "https://gitlab.example.com", "g/app", "8",
            "https://gitlab.example.com/g/app/-/jobs/8");

    static final BuildStatus QUEUED = BuildStatus.of(State.QUEUED, "pending");
    static final BuildStatus RUNNING = BuildStatus.of(State.RUNNING, "running");
    static final BuildStatus SUCCESS = BuildStatus.of(State.SUCCESS, "success");
    static final BuildStatus FAILED = BuildStatus.of(State.FAILED, "failed");
    static final BuildStatus MANUAL = BuildStatus.of(State.MANUAL, "manual");
    static final BuildStatus UNKNOWN = BuildStatus.of(State.UNKNOWN, "preparing_magic");

    /** 1 s, 2 s, 4 s, then 8 s; no jitter; 1 minute; 3 errors tolerated; 3 unknowns end it. */
    static final WaitPolicy POLICY = new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, 0.0,
            Duration.ofMinutes(1), 3, 3, true);

    private final FakeScheduler scheduler = new FakeScheduler(T0);
    private final RecordingListener listener = new RecordingListener();
    private WaitPolicy policy = POLICY;
    private Executor io = Runnable::run;

    // --- scaffolding -------------------------------------------------------------------------------------------

    /** An exception that knows its kind, as the provider layer's exceptions do. */
    static final class ClassifiedException extends Exception implements ClassifiedFailure {
        private final FailureKind kind;
        private final Duration retryAfter;

        ClassifiedException(FailureKind kind, String message, Duration retryAfter) {
            super(message);
            this.kind = kind;
            this.retryAfter = retryAfter;
        }

        ClassifiedException(FailureKind kind, String message) {
            this(kind, message, null);
        }

        @Override
        public FailureKind kind() {
            return kind;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Answers each poll with the next scripted status or throws the next scripted exception. */
    static final class ScriptedReader implements WaitEngine.StatusReader {
        /** Far above any scenario here; reaching it means a wait that never ends, failed fast instead of hanging. */
        private static final int MAX_POLLS = 10_000;
        private final Deque<Object> script;
        private final Object forever;
        private final Supplier<Instant> clock;
        final List<Instant> polls = new ArrayList<>();

        /** @param forever what to answer once the script is used up, or {@code null} to fail the test */
        ScriptedReader(Supplier<Instant> clock, Object forever, Object... script) {
            this.clock = clock;
            this.forever = forever;
            this.script = new ArrayDeque<>(List.of(script));
        }

        @Override
        public BuildStatus read(BuildRef ref) throws Exception {
            assertThat(ref).isEqualTo(REF);
            polls.add(clock.get());
            if (polls.size() > MAX_POLLS) {
                throw new AssertionError("more than " + MAX_POLLS + " polls: the wait does not end");
            }
            Object next = script.isEmpty() ? forever : script.poll();
            if (next == null) {
                throw new AssertionError("polled after the end of the script, at " + clock.get());
            }
            if (next instanceof Exception e) {
                throw e;
            }
            if (next instanceof Error e) {
                throw e;
            }
            return (BuildStatus) next;
        }

        int count() {
            return polls.size();
        }
    }

    record Change(BuildStatus previous, BuildStatus current) {
    }

    record PollFailure(FailureKind kind, String message, Duration delay) {
    }

    static final class RecordingListener implements WaitEngine.Listener {
        final List<Change> changes = new ArrayList<>();
        final List<PollFailure> failures = new ArrayList<>();
        final List<WaitState> saved = new ArrayList<>();
        final List<WaitOutcome> finished = new ArrayList<>();
        Runnable onChange = () -> { };

        @Override
        public void statusChanged(WaitState state, BuildStatus previous) {
            changes.add(new Change(previous, state.status()));
            onChange.run();
        }

        @Override
        public void pollFailed(WaitState state, FailureKind kind, String message, Duration delay) {
            failures.add(new PollFailure(kind, message, delay));
        }

        @Override
        public void saved(WaitState state) {
            saved.add(state);
        }

        @Override
        public void finished(WaitOutcome outcome) {
            finished.add(outcome);
        }

        WaitState lastSaved() {
            return saved.get(saved.size() - 1);
        }
    }

    private ScriptedReader script(Object... answers) {
        return new ScriptedReader(scheduler::now, null, answers);
    }

    private ScriptedReader forever(Object answer, Object... first) {
        return new ScriptedReader(scheduler::now, answer, first);
    }

    private WaitEngine.Handle start(ScriptedReader reader) {
        WaitState state = WaitState.start(Attempt.first(REF), List.of(), scheduler.now(), policy, Duration.ZERO);
        return new WaitEngine(scheduler, io, () -> 0.5).start(state, policy, reader, listener);
    }

    /** Runs the wait to its end and returns its only outcome. */
    private WaitOutcome runToEnd(ScriptedReader reader) {
        start(reader);
        scheduler.runUntilIdle();
        return onlyOutcome();
    }

    private WaitOutcome onlyOutcome() {
        assertThat(listener.finished).as("finished is called exactly once").hasSize(1);
        WaitOutcome outcome = listener.finished.get(0);
        assertThat(scheduler.pending()).as("nothing left scheduled after the end").isZero();
        assertThat(listener.lastSaved()).as("the final state is saved").isEqualTo(outcome.state());
        return outcome;
    }

    private static List<Duration> gaps(List<Instant> times) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(Duration.between(times.get(i - 1), times.get(i)));
        }
        return gaps;
    }

    // --- a ref that becomes another build ------------------------------------------------------------------------

    @Test
    void aWaitFollowsTheBuildItsQueuedRefBecameAndPollsThatBuildFromThenOn() {
        BuildRef build = new BuildRef("gitlab", "job", "https://gitlab.example.com", "g/app", "9",
                "https://gitlab.example.com/g/app/-/jobs/9");
        List<BuildRef> asked = new ArrayList<>();
        Deque<BuildStatus> answers = new ArrayDeque<>(List.of(QUEUED, RUNNING.movedTo(build), RUNNING, SUCCESS));
        WaitState state = WaitState.start(Attempt.first(REF), List.of(), scheduler.now(), policy, Duration.ZERO);
        new WaitEngine(scheduler, io, () -> 0.5).start(state, policy, ref -> {
            asked.add(ref);
            return answers.poll();
        }, listener);
        scheduler.runUntilIdle();

        WaitOutcome outcome = onlyOutcome();
        assertThat(asked).containsExactly(REF, REF, build, build);
        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.state().ref()).isEqualTo(build);
        assertThat(outcome.message()).isEqualTo("https://gitlab.example.com/g/app/-/jobs/9 ended success");
        assertThat(listener.changes).extracting(Change::current).containsExactly(QUEUED, RUNNING, SUCCESS);
    }

    // --- terminal statuses -------------------------------------------------------------------------------------

    @Test
    void aBuildThatSucceedsEndsSucceededWithOneStatusChangePerChangeNotPerPoll() {
        ScriptedReader reader = script(QUEUED, QUEUED, RUNNING, RUNNING, RUNNING, SUCCESS);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.message()).isEqualTo("https://gitlab.example.com/g/app/-/jobs/8 ended success");
        assertThat(outcome.state().status()).isEqualTo(SUCCESS);
        assertThat(outcome.state().polls()).isEqualTo(6);
        assertThat(listener.changes).containsExactly(new Change(null, QUEUED), new Change(QUEUED, RUNNING),
                new Change(RUNNING, SUCCESS));
        assertThat(reader.count()).isEqualTo(6);
        assertThat(reader.polls.get(0)).as("first poll at the start state's nextPollAt").isEqualTo(T0);
        assertThat(gaps(reader.polls)).as("exponential backoff up to the cap").containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(8));
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void aChangeOfRawStatusWithinTheSameStateIsAChange() {
        runToEnd(script(QUEUED, BuildStatus.of(State.QUEUED, "waiting_for_resource"), SUCCESS));

        assertThat(listener.changes).hasSize(3);
    }

    @Test
    void theFirstPollWaitsForTheStartStatesDelay() {
        WaitState state = WaitState.start(Attempt.first(REF), List.of(), T0, policy, Duration.ofSeconds(7));
        ScriptedReader reader = script(SUCCESS);

        new WaitEngine(scheduler, io, () -> 0.5).start(state, policy, reader, listener);
        scheduler.runUntilIdle();

        assertThat(reader.polls).containsExactly(T0.plusSeconds(7));
        assertThat(scheduler.delays().get(0)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aFailedBuildEndsFailed() {
        WaitOutcome outcome = runToEnd(script(RUNNING, FAILED));

        assertThat(outcome.result()).isEqualTo(Result.FAILED);
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.message()).endsWith("ended failed");
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"CANCELED", "SKIPPED"})
    void everyOtherTerminalStatusEndsFailedToo(State state) {
        WaitOutcome outcome = runToEnd(script(RUNNING, BuildStatus.of(state, "x")));

        assertThat(outcome.result()).isEqualTo(Result.FAILED);
    }

    @Test
    void aManualBuildEndsBlockedWhenThePolicyStopsOnManual() {
        WaitOutcome outcome = runToEnd(script(QUEUED, MANUAL));

        assertThat(outcome.result()).isEqualTo(Result.BLOCKED);
        assertThat(outcome.message()).contains("waits for a manual action (manual)");
        assertThat(listener.changes).hasSize(2);
    }

    @Test
    void aManualBuildIsWaitedOnWhenThePolicyDoesNotStopOnManual() {
        policy = POLICY.withStopOnManual(false);
        ScriptedReader reader = script(MANUAL, MANUAL, MANUAL, MANUAL, RUNNING, SUCCESS);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(reader.count()).isEqualTo(6);
    }

    // --- timeout -----------------------------------------------------------------------------------------------

    @Test
    void aBuildThatNeverEndsTimesOutExactlyAtTheDeadlineWithNoPollAfterIt() {
        policy = POLICY.withTimeout(Duration.ofSeconds(30));
        ScriptedReader reader = forever(RUNNING);
        List<Instant> finishedAt = new ArrayList<>();
        WaitEngine.Listener timing = new WaitEngine.Listener() {
            @Override
            public void saved(WaitState state) {
                listener.saved(state);
            }

            @Override
            public void finished(WaitOutcome outcome) {
                finishedAt.add(scheduler.now());
                listener.finished(outcome);
            }
        };
        WaitState state = WaitState.start(Attempt.first(REF), List.of(), T0, policy, Duration.ZERO);

        new WaitEngine(scheduler, io, () -> 0.5).start(state, policy, reader, timing);
        scheduler.runUntilIdle();

        WaitOutcome outcome = onlyOutcome();
        assertThat(outcome.result()).isEqualTo(Result.TIMED_OUT);
        assertThat(outcome.message()).isEqualTo("timed out after PT30S waiting for "
                + "https://gitlab.example.com/g/app/-/jobs/8 (last status running)");
        assertThat(finishedAt).containsExactly(T0.plusSeconds(30));
        // Polls at 0, 1, 3, 7, 15, 23; the next (31) is clamped to the deadline, which ends the wait unpolled.
        assertThat(reader.polls).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(3), T0.plusSeconds(7),
                T0.plusSeconds(15), T0.plusSeconds(23));
        assertThat(reader.polls).allMatch(t -> t.isBefore(T0.plusSeconds(30)));
        assertThat(scheduler.now()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aWaitThatNeverSawAStatusSaysSoWhenItTimesOut() {
        policy = POLICY.withTimeout(Duration.ofSeconds(5));
        WaitOutcome outcome = runToEnd(forever(new ClassifiedException(FailureKind.TRANSIENT, "503"),
                new ClassifiedException(FailureKind.TRANSIENT, "503")));

        assertThat(outcome.result()).isEqualTo(Result.TIMED_OUT);
        assertThat(outcome.message()).endsWith("(no status seen)");
    }

    @Test
    void aRetryAfterBeyondTheDeadlineEndsTheWaitAtTheDeadline() {
        policy = POLICY.withTimeout(Duration.ofSeconds(30));
        ScriptedReader reader = script(RUNNING,
                new ClassifiedException(FailureKind.RATE_LIMITED, "slow down", Duration.ofMinutes(10)));

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.TIMED_OUT);
        assertThat(scheduler.now()).isEqualTo(T0.plusSeconds(30));
        assertThat(reader.count()).isEqualTo(2);
    }

    @Test
    void aWaitResumedAfterItsDeadlineTimesOutAtOnceWithoutPolling() {
        WaitState state = WaitState.start(Attempt.first(REF), List.of(), T0, policy, Duration.ZERO);
        scheduler.advance(Duration.ofHours(3));
        ScriptedReader reader = script();

        new WaitEngine(scheduler, io, () -> 0.5).start(state, policy, reader, listener);
        scheduler.runUntilIdle();

        assertThat(onlyOutcome().result()).isEqualTo(Result.TIMED_OUT);
        assertThat(reader.count()).isZero();
        assertThat(scheduler.now()).isEqualTo(T0.plus(Duration.ofHours(3)));
    }

    // --- failures ----------------------------------------------------------------------------------------------

    @Test
    void aRetryAfterMakesTheNextPollWaitAtLeastThatLong() {
        Duration retryAfter = Duration.ofSeconds(45);
        ScriptedReader reader = script(RUNNING,
                new ClassifiedException(FailureKind.RATE_LIMITED, "429 Too Many Requests", retryAfter),
                RUNNING, SUCCESS);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(gaps(reader.polls).get(1)).isGreaterThanOrEqualTo(retryAfter);
        assertThat(listener.failures).containsExactly(
                new PollFailure(FailureKind.RATE_LIMITED, "429 Too Many Requests", retryAfter));
    }

    @Test
    void aShortRetryAfterDoesNotShortenTheBackoff() {
        ScriptedReader reader = script(RUNNING, RUNNING, RUNNING,
                new ClassifiedException(FailureKind.RATE_LIMITED, "429", Duration.ofMillis(100)), SUCCESS);

        runToEnd(reader);

        assertThat(gaps(reader.polls)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void failuresWithinTheBudgetAreRetriedAndASuccessfulPollResetsTheCount() {
        ClassifiedException transientFailure = new ClassifiedException(FailureKind.TRANSIENT, "502 Bad Gateway");
        ScriptedReader reader = script(transientFailure, transientFailure, transientFailure, RUNNING,
                transientFailure, transientFailure, transientFailure, SUCCESS);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(listener.failures).hasSize(6).allMatch(f -> f.kind() == FailureKind.TRANSIENT);
    }

    @Test
    void oneFailureMoreThanMaxErrorsInARowEndsTheWaitWithError() {
        ClassifiedException badGateway = new ClassifiedException(FailureKind.TRANSIENT, "502 Bad Gateway");
        ScriptedReader reader = script(RUNNING, badGateway, badGateway, badGateway, badGateway);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(outcome.message()).isEqualTo("gave up after 4 failed polls in a row: 502 Bad Gateway");
        assertThat(listener.failures).as("the last failure ends the wait instead").hasSize(3);
        assertThat(reader.count()).isEqualTo(5);
    }

    @Test
    void maxErrorsZeroEndsTheWaitAtTheFirstFailure() {
        policy = new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, 0.0, Duration.ofMinutes(1), 0, 3,
                true);

        WaitOutcome outcome = runToEnd(script(new ClassifiedException(FailureKind.TRANSIENT, "reset")));

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void aRequestRefusedAsBadInputEndsTheWaitAtOnceWithItsMessage() {
        // CleartextGuard refuses credentials over plain http so: the same poll would be refused again.
        ScriptedReader reader = forever(new IllegalArgumentException("Refusing to send credentials over plain http"));

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.BAD_INPUT);
        assertThat(outcome.message()).isEqualTo("Refusing to send credentials over plain http");
        assertThat(reader.count()).isEqualTo(1);
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void anUnclassifiedExceptionIsTransientAndNamedByItsClassWhenItHasNoMessage() {
        ScriptedReader reader = script(new java.io.IOException(), new IllegalStateException("boom"),
                new NoClassDefFoundError("okhttp3/Foo"), SUCCESS);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(listener.failures).extracting(PollFailure::message)
                .containsExactly("IOException", "boom", "okhttp3/Foo");
        assertThat(listener.failures).extracting(PollFailure::kind).containsOnly(FailureKind.TRANSIENT);
    }

    @Test
    void refusedCredentialsEndTheWaitAtOnce() {
        ScriptedReader reader = script(new ClassifiedException(FailureKind.AUTH, "401 Unauthorized: check the token"));

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.AUTH);
        assertThat(outcome.message()).isEqualTo("401 Unauthorized: check the token");
        assertThat(reader.count()).isEqualTo(1);
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void aBuildNotFoundFromTheStartEndsTheWaitWithTheProvidersMessage() {
        WaitOutcome outcome = runToEnd(script(new ClassifiedException(FailureKind.NOT_FOUND, "404 job 8 not found")));

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(outcome.message()).isEqualTo("404 job 8 not found");
    }

    @Test
    void aBuildThatIsNotFoundAfterItWasSeenHasDisappeared() {
        ScriptedReader reader = script(QUEUED, RUNNING, new ClassifiedException(FailureKind.NOT_FOUND, "404"));

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(outcome.message()).contains("disappeared").contains(REF.url()).contains("404");
        assertThat(reader.count()).isEqualTo(3);
    }

    @Test
    void aBuildNotFoundAfterAFailedPollThatFollowedASightingHasDisappearedToo() {
        WaitOutcome outcome = runToEnd(script(RUNNING, new ClassifiedException(FailureKind.TRANSIENT, "503"),
                new ClassifiedException(FailureKind.NOT_FOUND, "404")));

        assertThat(outcome.message()).contains("disappeared");
    }

    @Test
    void maxUnknownStatusesInARowEndTheWaitWithError() {
        ScriptedReader reader = script(RUNNING, UNKNOWN, UNKNOWN, UNKNOWN);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.BAD_RESPONSE);
        assertThat(outcome.message()).isEqualTo(REF.url() + " reported an unknown status 'preparing_magic' 3 times in a row");
        assertThat(listener.changes).hasSize(2);
    }

    @Test
    void aKnownStatusBetweenUnknownsResetsTheCount() {
        WaitOutcome outcome = runToEnd(script(UNKNOWN, UNKNOWN, RUNNING, UNKNOWN, UNKNOWN, SUCCESS));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
    }

    // --- cancel and executor -----------------------------------------------------------------------------------

    @Test
    void cancelEndsTheWaitOnceAndNothingIsPolledAfterIt() {
        ScriptedReader reader = forever(RUNNING);
        WaitEngine.Handle handle = start(reader);
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(reader.count()).isEqualTo(3);
        assertThat(handle.done()).isFalse();

        handle.cancel();
        handle.cancel();
        scheduler.advance(Duration.ofHours(1));

        WaitOutcome outcome = onlyOutcome();
        assertThat(outcome.result()).isEqualTo(Result.CANCELLED);
        assertThat(outcome.message()).isEqualTo("wait cancelled");
        assertThat(reader.count()).isEqualTo(3);
        assertThat(handle.done()).isTrue();
        assertThat(handle.state()).isEqualTo(outcome.state());
    }

    @Test
    void cancelBeforeTheFirstPollPollsNothing() {
        ScriptedReader reader = script();
        WaitEngine.Handle handle = start(reader);

        handle.cancel();
        scheduler.runUntilIdle();

        assertThat(onlyOutcome().result()).isEqualTo(Result.CANCELLED);
        assertThat(reader.count()).isZero();
    }

    @Test
    void cancelFromAListenerDuringAPollEndsTheWaitOnce() {
        ScriptedReader reader = forever(RUNNING, QUEUED);
        WaitEngine.Handle[] handle = new WaitEngine.Handle[1];
        listener.onChange = () -> {
            if (listener.changes.size() == 2) {
                handle[0].cancel();
            }
        };
        handle[0] = start(reader);

        scheduler.runUntilIdle();

        assertThat(onlyOutcome().result()).isEqualTo(Result.CANCELLED);
        assertThat(reader.count()).isEqualTo(2);
    }

    @Test
    void cancelAfterTheEndChangesNothing() {
        WaitEngine.Handle handle = start(script(SUCCESS));
        scheduler.runUntilIdle();

        handle.cancel();

        assertThat(onlyOutcome().result()).isEqualTo(Result.SUCCEEDED);
    }

    @Test
    void anExecutorThatRejectsThePollEndsTheWaitWithErrorInsteadOfHanging() {
        List<Runnable> accepted = new ArrayList<>();
        io = task -> {
            if (accepted.size() == 2) {
                throw new RejectedExecutionException("pool shut down");
            }
            accepted.add(task);
            task.run();
        };
        ScriptedReader reader = forever(RUNNING);

        WaitOutcome outcome = runToEnd(reader);

        assertThat(outcome.result()).isEqualTo(Result.ERROR);
        assertThat(outcome.failure()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(outcome.message()).isEqualTo("no thread to poll " + REF.url());
        assertThat(reader.count()).isEqualTo(2);
    }

    @Test
    void everyScheduledPollIsSavedFirstSoThatAResumeKnowsWhenToPoll() {
        ScriptedReader reader = script(QUEUED, SUCCESS);
        start(reader);
        assertThat(listener.saved).hasSize(1);
        assertThat(listener.saved.get(0).nextPollInstant()).isEqualTo(T0);

        scheduler.runNext();

        assertThat(listener.lastSaved().status()).isEqualTo(QUEUED);
        assertThat(listener.lastSaved().nextPollInstant()).isEqualTo(T0.plusSeconds(1));
    }
}
