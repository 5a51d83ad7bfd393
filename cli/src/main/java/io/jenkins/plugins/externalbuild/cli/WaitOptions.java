package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long and how often to poll. */
final class WaitOptions {

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Give up waiting after this long (exit code 3): 45 (minutes), 90s, 2h; at most 7 days. "
                    + "Default: 120 minutes.")
    Duration timeout = WaitPolicy.DEFAULT_TIMEOUT;

    @Option(names = "--poll-cap", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest pause between two polls; polls start at --first-poll and grow by 1.5x up to this; "
                    + "at most 60m. Default: 60s.")
    Duration pollCap = WaitPolicy.DEFAULT_CAP;

    @Option(names = "--first-poll", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Pause before the first poll after a restart; at most 60m. Default: 5s.")
    Duration firstPoll = WaitPolicy.DEFAULT_FIRST_POLL;

    @Option(names = "--max-queued", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "End the wait (exit code 3) when the build stays queued longer than this: no runner or agent "
                    + "picks it up; at most 7 days. Default: 60 minutes.")
    Duration maxQueued = WaitPolicy.DEFAULT_MAX_QUEUED;

    @Option(names = "--wait-manual", description = "Keep waiting when the build waits for a manual action "
            + "(by default the wait ends with exit code 1).")
    boolean waitManual;

    /** The policy these options give; throws {@link IllegalArgumentException} for a value outside its range. */
    WaitPolicy policy() {
        OptionRanges.check("--timeout", timeout, OptionRanges.MAX_WAIT);
        OptionRanges.check("--poll-cap", pollCap, OptionRanges.MAX_POLL);
        OptionRanges.check("--first-poll", firstPoll, OptionRanges.MAX_POLL);
        OptionRanges.check("--max-queued", maxQueued, OptionRanges.MAX_WAIT);
        Duration first = firstPoll.compareTo(pollCap) > 0 ? pollCap : firstPoll;
        return new WaitPolicy(first, pollCap, WaitPolicy.DEFAULT_BACKOFF, WaitPolicy.DEFAULT_JITTER, timeout,
                WaitPolicy.DEFAULT_MAX_ERRORS, WaitPolicy.DEFAULT_MAX_UNKNOWN, !waitManual).withMaxQueued(maxQueued);
    }
}
