package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartLedger;
import io.jenkins.plugins.externalbuild.engine.RestartLoop;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.engine.ExecutorScheduler;
import io.jenkins.plugins.externalbuild.engine.FailureKind;
import io.jenkins.plugins.externalbuild.engine.WaitEngine;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import io.jenkins.plugins.externalbuild.provider.Provider;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** Runs one wait (or restart loop) of the engine to its end; the CLI's main thread blocks here (the engine itself holds none). */
final class Waiting {

    private Waiting() {
    }

    /** What a command runs on the engine: it starts its work, completing {@code done}, and returns how to stop it. */
    @FunctionalInterface
    private interface Job<T> {
        Runnable start(WaitEngine engine, Executor io, CompletableFuture<T> done);
    }

    /** Runs {@code job} on a fresh engine ({@link EngineThreads}: one thread) and blocks until it completes. */
    private static <T> T run(Cli cli, Job<T> job) throws InterruptedException {
        ScheduledExecutorService threads = EngineThreads.start();
        try {
            Random random = new Random();
            WaitEngine engine = new WaitEngine(new ExecutorScheduler(threads, cli.providerContext().clock()), threads,
                    random::nextDouble);
            CompletableFuture<T> done = new CompletableFuture<>();
            Runnable stop = job.start(engine, threads, done);
            try {
                return done.get();
            } catch (InterruptedException e) {
                stop.run();
                throw e;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    static WaitOutcome await(Cli cli, Provider provider, WaitState state, WaitPolicy policy, Output out)
            throws InterruptedException {
        return run(cli, (engine, io, done) -> {
            WaitEngine.Handle handle = engine.start(state, policy, provider.pollSource(), new WaitEngine.Listener() {
                @Override
                public void statusChanged(WaitState s, BuildStatus previous) {
                    out.statusLine(s.currentAttempt(), s.status());
                }

                @Override
                public void pollFailed(WaitState s, FailureKind kind, String message, Duration delay) {
                    retryLine(cli, message, kind, "polling again", delay);
                }

                @Override
                public void finished(WaitOutcome outcome) {
                    done.complete(outcome);
                }
            });
            return handle::cancel;
        });
    }

    /**
     * Runs a restart loop to its end: restart, wait, and restart again while the build keeps failing, as
     * {@code restart} says. Ctrl-C leaves the remote build as it is.
     */
    static RestartOutcome restart(Cli cli, Provider provider, RestartState state, RestartPolicy restart, WaitPolicy policy,
                                  Output out) throws InterruptedException {
        return run(cli, (engine, io, done) -> {
            RestartLoop loop = new RestartLoop(engine, RestartLedger.none());
            RestartLoop.Handle handle = loop.start(state, restart, policy, provider, new RestartLoop.Listener() {
                @Override
                public void statusChanged(RestartState s, BuildStatus previous) {
                    out.statusLine(s.waitState().currentAttempt(), s.waitState().status());
                }

                @Override
                public void restarted(RestartState s, Attempt from, RestartMode mode) {
                    BuildRef next = s.waitState().ref();
                    out.line("restarted (mode " + (mode == null ? "default" : mode.id()) + "): attempt "
                            + s.waitState().attempt() + " is " + next.kind() + " " + next.id() + "  " + next.url());
                }

                @Override
                public void retrying(RestartState s, FailureKind kind, String message, Duration delay) {
                    retryLine(cli, message, kind, "trying again", delay);
                }

                @Override
                public void restartScheduled(RestartState s, Duration delay, String reason) {
                    out.line("attempt " + s.waitState().attempt() + " " + reason + "; restarting in " + delay.toSeconds()
                            + " s");
                }

                @Override
                public void finished(RestartOutcome outcome) {
                    done.complete(outcome);
                }
            });
            return handle::stop;
        });
    }

    /** A failure that passes: one line on stderr, {@code "extbuild: MESSAGE (KIND; polling again in N s)"}. */
    private static void retryLine(Cli cli, String message, FailureKind kind, String action, Duration delay) {
        cli.err().println("extbuild: " + message + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + "; " + action
                + " in " + delay.toSeconds() + " s)");
        cli.err().flush();
    }
}
