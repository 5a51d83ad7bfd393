package io.jenkins.plugins.externalbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What the single-wait engine tests share: one GitLab job on a fake clock, a scripted reader, a listener that
 * records every call, and the checks every finished wait must pass.
 */
abstract class WaitEngineHarness {

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

    final FakeScheduler scheduler = new FakeScheduler(T0);
    final RecordingListener listener = new RecordingListener();
    WaitPolicy policy = POLICY;
    Executor io = Runnable::run;

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

    ScriptedReader script(Object... answers) {
        return new ScriptedReader(scheduler::now, null, answers);
    }

    ScriptedReader forever(Object answer, Object... first) {
        return new ScriptedReader(scheduler::now, answer, first);
    }

    WaitEngine.Handle start(ScriptedReader reader) {
        WaitState state = WaitState.start(Attempt.first(REF), List.of(), scheduler.now(), policy, Duration.ZERO);
        return new WaitEngine(scheduler, io, () -> 0.5).start(state, policy, reader, listener);
    }

    /** Runs the wait to its end and returns its only outcome. */
    WaitOutcome runToEnd(ScriptedReader reader) {
        start(reader);
        scheduler.runUntilIdle();
        return onlyOutcome();
    }

    WaitOutcome onlyOutcome() {
        assertThat(listener.finished).as("finished is called exactly once").hasSize(1);
        WaitOutcome outcome = listener.finished.get(0);
        assertThat(scheduler.pending()).as("nothing left scheduled after the end").isZero();
        assertThat(listener.lastSaved()).as("the final state is saved").isEqualTo(outcome.state());
        return outcome;
    }

    static List<Duration> gaps(List<Instant> times) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(Duration.between(times.get(i - 1), times.get(i)));
        }
        return gaps;
    }
}
