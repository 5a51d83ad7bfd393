package io.jenkins.plugins.externalbuild.engine;

import java.time.Duration;
import java.util.List;

/**
 * The {@code WAITING} phase of a {@link RestartRun}: the current attempt is waited on by the {@link WaitEngine};
 * when it ends without success, {@link RestartVerdict} decides whether it is restarted again (after the policy's
 * delay, through {@link RestartPhase#scheduleRestart}) or the loop ends {@code FAILED} with its failed jobs.
 */
final class AttemptWait {

    private final RestartRun run;

    AttemptWait(RestartRun run) {
        this.run = run;
    }

    void start() {
        WaitState from;
        synchronized (run) {
            if (run.done) {
                return;
            }
            from = run.state.waitState();
        }
        WaitEngine.Handle h = run.waits.start(from, run.waitPolicy, run.ops.pollSource(), new WaitEngine.Listener() {
            @Override
            public void statusChanged(WaitState s, BuildStatus previous) {
                synchronized (run) {
                    if (!run.done) {
                        run.state = run.state.withWait(s);
                        run.listener.statusChanged(run.state, previous);
                    }
                }
            }

            @Override
            public void saved(WaitState s) {
                synchronized (run) {
                    if (!run.done && run.state.phase() == RestartState.Phase.WAITING) {
                        run.state = run.state.withWait(s);
                        run.listener.saved(run.state);
                    }
                }
            }

            @Override
            public void finished(WaitOutcome outcome) {
                ended(outcome);
            }
        });
        boolean cancel;
        synchronized (run) {
            run.waitHandle = h;
            cancel = run.stopping;
        }
        if (cancel) {
            h.cancel(); // stop() ran before the handle was known
        }
    }

    private void ended(WaitOutcome outcome) {
        synchronized (run) {
            if (run.done || run.stopping) {
                return; // a stop() cancelled the wait and finishes the loop itself
            }
            run.state = run.state.withWait(outcome.state());
            if (outcome.result() != WaitOutcome.Result.FAILED) {
                run.finish(RestartOutcome.Result.of(outcome.result()), outcome.failure(), outcome.message(), List.of());
                return;
            }
        }
        // Each read of the provider takes its own slot of the account's budget; a decision that reads nothing, none.
        if (RestartVerdict.readsCause(run.state(), run.policy)) {
            run.onIo(() -> afterFailure(outcome.message()));
        } else {
            afterFailure(outcome.message());
        }
    }

    /**
     * The attempt ended without success: restart again if the policy allows, else end FAILED (reading the failed
     * jobs first). Runs on the io executor when the verdict reads the failure's cause.
     */
    private void afterFailure(String message) {
        RestartState s = run.state();
        RestartVerdict verdict = RestartVerdict.of(s, run.policy, run.ops);
        if (!verdict.again()) {
            String why = verdict.why() == null ? message : message + "; " + verdict.why();
            BuildStatus status = s.waitState().status();
            if (status == null || status.state() != BuildStatus.State.FAILED) {
                endFailed(why, List.of());
            } else {
                run.onIo(() -> endFailed(why, RestartVerdict.failedJobs(run.ops, s.waitState().ref(), status)));
            }
            return;
        }
        int n = s.restarts() + 1;
        Duration delay = run.policy.delayBefore(n);
        synchronized (run) {
            if (run.done || run.stopping) {
                return;
            }
            run.listener.restartScheduled(run.state, delay, message + "; restart " + n + " of " + run.policy.attempts());
        }
        run.restarting.scheduleRestart(run.scheduler.now().plus(delay));
    }

    private void endFailed(String message, List<String> jobs) {
        synchronized (run) {
            run.finish(RestartOutcome.Result.FAILED, null, message, jobs);
        }
    }
}
