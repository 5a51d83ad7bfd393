package io.jenkins.plugins.externalbuild.provider.circleci;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.BuildStatus.State;
import io.jenkins.plugins.externalbuild.provider.StatusTable;
import java.util.Map;

/**
 * CircleCI workflow statuses, normalized.
 *
 * <p>Source: the API v2 OpenAPI document ({@code GET /workflow/{id}}, schema {@code Workflow}, enum of {@code status}:
 * success, running, not_run, failed, error, failing, on_hold, canceled, unauthorized) and the "Workflows" guide
 * (circleci-docs {@code docs/guides/modules/orchestrate/pages/workflows.adoc}, table of states with "Terminal state",
 * which adds {@code queued} for workflows of a serial group).
 *
 * <pre>
 * raw            normalized  why (guide's wording)
 * queued         QUEUED      queued as part of a serial group (guide only, not in the API enum)
 * running        RUNNING     in progress
 * failing        RUNNING     a job failed, but others still run or await approval: not terminal, will end failed
 * on_hold        MANUAL      an approval job waits for someone: it will not move alone
 * success        SUCCESS     all jobs succeeded
 * failed         FAILED      one or more jobs failed
 * error          FAILED      CircleCI had an internal error starting a job (terminal)
 * unauthorized   FAILED      a job needs a restricted context the actor may not use (terminal)
 * canceled       CANCELED    canceled before it finished
 * not_run        SKIPPED     never ran (terminal in the guide's state diagram)
 * anything else  UNKNOWN
 * </pre>
 */
final class CircleCiStatusMapping {

    private static final StatusTable TABLE = StatusTable.of("CircleCI", Map.ofEntries(
            Map.entry("queued", State.QUEUED),
            Map.entry("running", State.RUNNING),
            Map.entry("failing", State.RUNNING),
            Map.entry("on_hold", State.MANUAL),
            Map.entry("success", State.SUCCESS),
            Map.entry("failed", State.FAILED),
            Map.entry("error", State.FAILED),
            Map.entry("unauthorized", State.FAILED),
            Map.entry("canceled", State.CANCELED),
            Map.entry("not_run", State.SKIPPED)));

    private CircleCiStatusMapping() {
    }

    static BuildStatus map(String raw) {
        return TABLE.map(raw);
    }
}
