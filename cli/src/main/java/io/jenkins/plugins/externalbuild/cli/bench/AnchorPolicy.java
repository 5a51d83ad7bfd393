package io.jenkins.plugins.externalbuild.cli.bench;

import java.util.Random;

/**
 * The polling loops of the tools people glue together today, as their sources have them. Each says how many
 * requests one poll costs, the pause after poll {@code k} (k = 0 is the first), and whether the tool sleeps once
 * more after the read that saw the end before it returns (that sleep is part of its detection latency).
 */
enum AnchorPolicy {
    /**
     * jenkinsci/parameterized-remote-trigger-plugin {@code RemoteBuildConfiguration}: {@code getPollInterval} is
     * {@code QUEUED_ITEMS_POLLINTERVALL} = 30 s while the build is not triggered or queued ("the TTL value of all
     * queued items is only 5 minutes"), then {@code pollInterval}, default {@code DEFAULT_POLLINTERVALL} = 10 s.
     */
    REMOTE_TRIGGER("Parameterized Remote Trigger (30 s queued, 10 s)", false) {
        @Override
        long pauseAfter(int k, boolean running, Random r) {
            return running ? 10_000 : 30_000;
        }
    },
    /**
     * jenkinsci/aws-codebuild-plugin {@code CodeBuilder}: one {@code BatchGetBuilds} of one id per poll, then
     * {@code Thread.sleep(getSleepTime())} = min(2.5 s + 1 s × calls so far + up to 5 s jitter, 60 s) — also after
     * the read that saw the end, before the loop condition is checked.
     */
    CODEBUILD_PLUGIN("AWS CodeBuild plugin (2.5 s +1 s/poll +5 s jitter, to 60 s)", true) {
        @Override
        long pauseAfter(int k, boolean running, Random r) {
            return Math.min(2_500 + k * 1_000L + r.nextInt(5_000), 60_000);
        }
    },
    /**
     * jenkinsci/buildkite-plugin {@code BuildkiteStepExecution}: sleeps 2 s after creating the build, then
     * {@code getBuild} and {@code Thread.sleep(7000)} in a loop whose condition is checked after the sleep.
     */
    BUILDKITE_PLUGIN("Buildkite plugin (2 s, then 7 s)", true) {
        @Override
        long firstDelay() {
            return 2_000;
        }

        @Override
        long pauseAfter(int k, boolean running, Random r) {
            return 7_000;
        }
    },
    /**
     * cli/cli {@code pkg/cmd/run/watch/watch.go}: one {@code GetRun}, then per refresh {@code renderRun} =
     * {@code GetRun} + {@code GetJobs} (plus annotations of jobs not yet completed, not counted here) and
     * {@code time.Sleep} of {@code defaultInterval} = 3 s, the loop condition checked after the sleep.
     */
    GH_RUN_WATCH("gh run watch (2 requests per 3 s refresh)", true) {
        @Override
        int requests(int k) {
            return k == 0 ? 1 : 2;
        }

        @Override
        long pauseAfter(int k, boolean running, Random r) {
            return k == 0 ? 0 : 3_000;
        }
    },
    /**
     * jenkinsci/workflow-basic-steps {@code WaitForConditionStep}: {@code MIN_RECURRENCE_PERIOD} 250 ms, times
     * {@code RECURRENCE_PERIOD_BACKOFF} 1.2 after each false, up to {@code MAX_RECURRENCE_PERIOD} 15 s.
     */
    WAIT_UNTIL("Pipeline waitUntil (250 ms x1.2 to 15 s)", false) {
        @Override
        long pauseAfter(int k, boolean running, Random r) {
            return Math.min(15_000, Math.round(250 * Math.pow(1.2, k)));
        }
    };

    final String label;
    /** Sleeps once more after the read that saw the end. */
    final boolean trailingSleep;

    AnchorPolicy(String label, boolean trailingSleep) {
        this.label = label;
        this.trailingSleep = trailingSleep;
    }

    /** Delay from the wait's start to its first poll. */
    long firstDelay() {
        return 0;
    }

    /** Requests poll {@code k} costs; all must be accepted for the poll to tell anything. */
    int requests(int k) {
        return 1;
    }

    /** Pause after poll {@code k}; {@code running}: the last successful read saw the build running. */
    abstract long pauseAfter(int k, boolean running, Random r);
}
