package io.jenkins.plugins.externalbuild.provider.github;

import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.github.GitHubActionsDtos.WorkflowRun;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * What GitHub refuses to re-run, checked on the run as read before any POST, so that the user learns why in
 * plain words instead of a bare 403 (or, past the re-run limit, a new attempt that fails at once).
 *
 * <p>Source: docs.github.com "Re-running workflows and jobs": "You can re-run a workflow run, all failed jobs in a
 * workflow run, or specific jobs in a workflow run up to 30 days after its initial run" and "A workflow run can be
 * re-run a maximum of 50 times. This limit includes both full re-runs and re-runs of a subset of jobs"; the
 * changelog of 2026-04-10 ("Actions workflows are limited to 50 reruns"). A running run is refused with 403
 * "This workflow is already running" (cli/cli #9221, #10774).
 */
final class RerunLimits {

    private static final Logger LOGGER = Logger.getLogger(RerunLimits.class.getName());

    /** Re-runs are possible up to this long after the run was created (its initial run). */
    static final Duration WINDOW = Duration.ofDays(30);
    /** Re-runs of one run, whole or partial; attempt N has had N − 1 re-runs. */
    static final int MAX_RERUNS = 50;

    private RerunLimits() {
    }

    /**
     * Refuses a re-run GitHub would refuse.
     *
     * @param what the run for messages: {@code run 42 of octo/app}
     * @param now  the server's time when the run was read (its {@code Date} header), else ours
     */
    static void check(WorkflowRun run, String what, RestartMode mode, Instant now) throws ProviderException.NotRestartable {
        String status = lower(run.status());
        String conclusion = lower(run.conclusion());
        if (!"completed".equals(status)) {
            throw refused("GitHub Actions " + what + " is still " + (status.isEmpty() ? "without a status" : status)
                    + ": only a completed run can be re-run; wait for it to end, or cancel it first");
        }
        if ("startup_failure".equals(conclusion)) {
            throw refused("GitHub Actions " + what + " ended with startup_failure: its workflow file is invalid and no job ran, "
                    + "so GitHub cannot re-run it; fix the workflow file and start a new run");
        }
        int attempt = run.runAttempt() == null ? 1 : run.runAttempt();
        if (attempt - 1 >= MAX_RERUNS) {
            throw refused("GitHub Actions " + what + " is at attempt " + attempt + ": it has been re-run " + (attempt - 1)
                    + " times, and GitHub allows at most " + MAX_RERUNS + " re-runs of a run; start a new run instead");
        }
        Instant created = instant(run.createdAt() != null ? run.createdAt() : run.runStartedAt());
        if (created != null) {
            Duration age = Duration.between(created, now);
            if (age.compareTo(WINDOW) > 0) {
                throw refused("GitHub Actions " + what + " was created " + run.createdAt() + ", " + age.toDays()
                        + " days ago: GitHub re-runs a run only within " + WINDOW.toDays() + " days of its creation; "
                        + "start a new run instead");
            }
        }
        if (mode == RestartMode.FAILED && ("success".equals(conclusion) || "neutral".equals(conclusion)
                || "skipped".equals(conclusion))) {
            throw refused("GitHub Actions " + what + " ended with " + conclusion + ": it has no failed jobs to re-run; "
                    + "use mode 'all' to run it again");
        }
    }

    private static ProviderException.NotRestartable refused(String message) {
        return new ProviderException.NotRestartable(GitHubActionsProviderType.ID, 0, message);
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            LOGGER.fine(() -> "unreadable run creation time '" + text + "'; the 30-day re-run window is not checked");
            return null;
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
