package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A scripted external CI system on the test's clock: each build runs for a while, then ends as scripted;
 * each restart creates the next scripted build (a new id, or the same id when {@code sameId}). Records every
 * restart and cancel it receives.
 */
final class FakeCi implements BuildOperations {

    /** How one build behaves: running for {@code runs}, then {@code end}, failing for {@code cause}. */
    record Script(Duration runs, BuildStatus.State end, FailureCause cause) {
        static Script succeeds(int seconds) {
            return new Script(Duration.ofSeconds(seconds), BuildStatus.State.SUCCESS, null);
        }

        static Script fails(int seconds) {
            return fails(seconds, FailureCause.UNCLASSIFIED);
        }

        static Script fails(int seconds, FailureCause cause) {
            return new Script(Duration.ofSeconds(seconds), BuildStatus.State.FAILED, cause);
        }
    }

    /** Thrown for scripted provider refusals. */
    static class Refused extends Exception implements ClassifiedFailure {
        private final FailureKind kind;

        Refused(FailureKind kind, String message) {
            super(message);
            this.kind = kind;
        }

        @Override
        public FailureKind kind() {
            return kind;
        }
    }

    /** A failure of the reads a restart makes before its request: nothing was changed. */
    static final class RefusedBeforeChange extends Refused {
        private final java.time.Duration retryAfter;

        RefusedBeforeChange(FailureKind kind, String message, java.time.Duration retryAfter) {
            super(kind, message);
            this.retryAfter = retryAfter;
        }

        @Override
        public boolean changedNothing() {
            return true;
        }

        @Override
        public java.util.Optional<java.time.Duration> retryAfter() {
            return java.util.Optional.ofNullable(retryAfter);
        }
    }

    private static final class Build {
        final Instant started;
        final Script script;
        boolean cancelled;

        Build(Instant started, Script script) {
            this.started = started;
            this.script = script;
        }
    }

    private Supplier<Instant> clock;
    private final boolean sameId;
    private final Map<String, Build> builds = new HashMap<>();
    private final Deque<Script> restarts = new ArrayDeque<>();
    final List<String> restartsSent = new ArrayList<>();
    final List<Instant> restartTimes = new ArrayList<>();
    final List<String> cancels = new ArrayList<>();
    int statusReads;
    Exception restartFailure;
    /** Failures the next status reads throw, one per read, before the builds answer again. */
    final Deque<Exception> statusFailures = new ArrayDeque<>();
    /** Failures the next restarts throw, one per restart, before restarts are accepted again. */
    final Deque<Exception> restartFailures = new ArrayDeque<>();
    Runnable duringRestart = () -> { };
    private int counter;

    FakeCi(Supplier<Instant> clock, boolean sameId) {
        this.clock = clock;
        this.sameId = sameId;
    }

    static BuildRef ref(String id) {
        return new BuildRef("fake", "pipeline", "https://ci.example.com", "g/app", id,
                "https://ci.example.com/g/app/-/pipelines/" + id);
    }

    /** Adds a build that already exists (started {@code agoSeconds} before now). */
    BuildRef existing(String id, Script script, int agoSeconds) {
        builds.put(id, new Build(clock.get().minusSeconds(agoSeconds), script));
        return ref(id);
    }

    /** The same remote world seen from another clock (a resumed process). */
    FakeCi on(Scheduler scheduler) {
        this.clock = scheduler::now;
        return this;
    }

    /** What the next restarts create, in order. */
    FakeCi thenRestarts(Script... scripts) {
        restarts.addAll(List.of(scripts));
        return this;
    }

    @Override
    public BuildStatus status(BuildRef ref) throws Exception {
        statusReads++;
        if (!statusFailures.isEmpty()) {
            throw statusFailures.poll();
        }
        Build b = builds.get(ref.id());
        if (b == null) {
            throw new Refused(FailureKind.NOT_FOUND, "no build " + ref.id());
        }
        if (b.cancelled) {
            return BuildStatus.of(BuildStatus.State.CANCELED, "canceled");
        }
        if (clock.get().isBefore(b.started.plus(b.script.runs()))) {
            return BuildStatus.of(BuildStatus.State.RUNNING, "running");
        }
        return BuildStatus.of(b.script.end(), b.script.end().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws Exception {
        duringRestart.run();
        if (restartFailure != null) {
            throw restartFailure;
        }
        if (!restartFailures.isEmpty()) {
            throw restartFailures.poll();
        }
        Script next = restarts.poll();
        if (next == null) {
            throw new AssertionError("unscripted restart of " + current);
        }
        restartsSent.add(current.ref().id());
        restartTimes.add(clock.get());
        String id = sameId ? current.ref().id() : "b" + (++counter + 100);
        builds.put(id, new Build(clock.get(), next));
        return current.next(sameId ? current.ref() : ref(id));
    }

    @Override
    public void cancel(BuildRef ref) {
        cancels.add(ref.id());
        Build b = builds.get(ref.id());
        if (b != null) {
            b.cancelled = true;
        }
    }

    @Override
    public List<String> failedJobs(BuildRef ref) {
        return List.of("rspec");
    }

    @Override
    public FailureCause failureCause(BuildRef ref, BuildStatus status) {
        FailureCause c = builds.get(ref.id()).script.cause();
        return c == null ? FailureCause.UNCLASSIFIED : c;
    }
}
