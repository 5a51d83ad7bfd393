package io.jenkins.plugins.externalbuild.cli.bench;

import java.util.Random;

/**
 * The polling policies of the tools users glue together today, as their sources document them. Each gives the
 * delay before poll {@code k} (k = 0 is the first poll after the restart).
 */
enum AnchorPolicy {
    /** Parameterized Remote Trigger plugin: a fixed 10 s poll interval. */
    FIXED_10S("fixed 10s (Parameterized Remote Trigger)") {
        @Override
        long delayMillis(int k, Random r) {
            return 10_000;
        }
    },
    /** AWS CodeBuild plugin: 3 s, growing by 1 s per poll to 60 s, plus up to 5 s of jitter. */
    CODEBUILD_PLUGIN("3s+1s/poll to 60s +5s jitter (AWS CodeBuild plugin)") {
        @Override
        long delayMillis(int k, Random r) {
            return Math.min(3 + k, 60) * 1000L + (long) (r.nextDouble() * 5000);
        }
    },
    /** Buildkite plugin: a fixed 7 s poll interval. */
    FIXED_7S("fixed 7s (Buildkite plugin)") {
        @Override
        long delayMillis(int k, Random r) {
            return 7_000;
        }
    },
    /** {@code gh run watch}: a fixed 3 s refresh. */
    GH_RUN_WATCH("fixed 3s (gh run watch)") {
        @Override
        long delayMillis(int k, Random r) {
            return 3_000;
        }
    },
    /** Pipeline {@code waitUntil}: 250 ms growing by 1.2x, capped at 15 s. */
    WAIT_UNTIL("250ms x1.2 to 15s (Pipeline waitUntil)") {
        @Override
        long delayMillis(int k, Random r) {
            return Math.min(15_000, Math.round(250 * Math.pow(1.2, k)));
        }
    };

    final String label;

    AnchorPolicy(String label) {
        this.label = label;
    }

    abstract long delayMillis(int k, Random r);
}
