package io.jenkins.plugins.externalbuild.provider.codebuild;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import java.util.Locale;
import io.jenkins.plugins.externalbuild.provider.StatusTable;
import java.util.Map;
import java.util.Set;

/**
 * CodeBuild build and batch statuses, normalized. Statuses are read as open strings: documented answers carry
 * values outside the model's enum ({@code PENDING}, {@code CLIENT_ERROR}, {@code RETRY}).
 *
 * <p>Source: the CodeBuild service model ({@code botocore/data/codebuild/2016-10-06/service-2.json},
 * {@code StatusType}, {@code BuildPhaseType}, {@code BuildBatchPhaseType}); see the fixture README.
 *
 * <pre>
 * buildStatus / buildBatchStatus   currentPhase                   normalized  why
 * IN_PROGRESS                      SUBMITTED, QUEUED              QUEUED      waits for capacity; CodeBuild's queued
 *                                                                             timeout applies to exactly these phases
 * IN_PROGRESS                      PROVISIONING and later, none   RUNNING     the build has its environment
 * IN_PROGRESS (batch)              SUBMITTED                      QUEUED
 * IN_PROGRESS (batch)              DOWNLOAD_BATCHSPEC and later   RUNNING
 * SUCCEEDED                        any                            SUCCESS
 * FAILED                           any                            FAILED
 * FAULT                            any                            FAILED      service-side fault; a retry may pass
 * TIMED_OUT                        any                            FAILED
 * STOPPED                          any                            CANCELED
 * anything else (PENDING, …)       any                            UNKNOWN
 * </pre>
 * The raw status kept is {@code buildStatus} (or {@code buildBatchStatus}) as CodeBuild sent it.
 */
final class CodeBuildStatusMapping {

    private static final StatusTable TABLE = StatusTable.of("CodeBuild", Map.of(
            "IN_PROGRESS", State.RUNNING,
            "SUCCEEDED", State.SUCCESS,
            "FAILED", State.FAILED,
            "FAULT", State.FAILED,
            "TIMED_OUT", State.FAILED,
            "STOPPED", State.CANCELED));

    private static final Set<String> QUEUED_BUILD_PHASES = Set.of("SUBMITTED", "QUEUED");
    private static final Set<String> QUEUED_BATCH_PHASES = Set.of("SUBMITTED");

    /** Phase and group statuses that count as failed for {@code failedJobs}. */
    static final Set<String> FAILED_PARTS = Set.of("FAILED", "FAULT", "TIMED_OUT", "CLIENT_ERROR");

    private CodeBuildStatusMapping() {
    }

    static BuildStatus build(String status, String currentPhase) {
        return map(status, currentPhase, QUEUED_BUILD_PHASES);
    }

    static BuildStatus batch(String status, String currentPhase) {
        return map(status, currentPhase, QUEUED_BATCH_PHASES);
    }

    private static BuildStatus map(String status, String currentPhase, Set<String> queuedPhases) {
        State state = TABLE.state(status);
        if (state == State.RUNNING && queuedPhases.contains(normalize(currentPhase))) {
            state = State.QUEUED;
        }
        return BuildStatus.of(state, status == null ? "" : status);
    }

    static boolean failed(String partStatus) {
        return FAILED_PARTS.contains(normalize(partStatus));
    }

    private static String normalize(String s) {
        return s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
    }
}
