package io.jenkins.plugins.externalbuild.provider.gitlab;

import io.jenkins.plugins.externalbuild.engine.FailureCause;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies GitLab's job {@code failure_reason} (doc/api/jobs.md; the values of {@code retry:when} in
 * doc/ci/yaml/index.md). Transient: the infrastructure failed, not the job. {@code unknown_failure} and a
 * missing reason tell nothing; everything else (script failures, missing dependencies, configuration and
 * permission errors) is the job's own failure.
 */
final class GitLabFailureReasons {

    static final Set<String> TRANSIENT = Set.of("runner_system_failure", "stuck_or_timeout_failure", "api_failure",
            "scheduler_failure", "data_integrity_failure");

    private GitLabFailureReasons() {
    }

    static FailureCause classify(String failureReason) {
        if (failureReason == null || failureReason.isBlank()) {
            return FailureCause.UNCLASSIFIED;
        }
        String r = failureReason.trim().toLowerCase(Locale.ROOT);
        if (TRANSIENT.contains(r)) {
            return FailureCause.TRANSIENT;
        }
        return "unknown_failure".equals(r) ? FailureCause.UNCLASSIFIED : FailureCause.PERMANENT;
    }

    /** A pipeline: transient only when every failed job failed transiently; permanent as soon as one did not. */
    static FailureCause classifyAll(Collection<String> failureReasons) {
        if (failureReasons.isEmpty()) {
            return FailureCause.UNCLASSIFIED;
        }
        boolean unclassified = false;
        for (String reason : failureReasons) {
            FailureCause c = classify(reason);
            if (c == FailureCause.PERMANENT) {
                return FailureCause.PERMANENT;
            }
            unclassified |= c == FailureCause.UNCLASSIFIED;
        }
        return unclassified ? FailureCause.UNCLASSIFIED : FailureCause.TRANSIENT;
    }
}
