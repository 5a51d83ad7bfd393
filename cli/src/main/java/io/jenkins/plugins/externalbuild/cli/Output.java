package io.jenkins.plugins.externalbuild.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.WaitOutcome;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import io.jenkins.plugins.externalbuild.provider.Json;
import java.util.List;
import java.util.Locale;

/** Human lines (one per status change, with the build link) or one JSON object per command. */
final class Output {

    private final Cli cli;
    private final boolean json;

    Output(Cli cli, boolean json) {
        this.cli = cli;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** A human progress line; suppressed with --json (the JSON object comes at the end). */
    void line(String text) {
        if (!json) {
            cli.out().println(text);
            cli.out().flush();
        }
    }

    void statusLine(Attempt attempt, BuildStatus status) {
        line(attempt.ref().describe() + (attempt.number() > 1 ? " attempt " + attempt.number() : "") + ": " + status
                + "  " + attempt.ref().url());
    }

    /** The final JSON object: the documented fields, plus the wait's result when there was one. */
    void result(Attempt attempt, BuildStatus status, List<String> previousIds, WaitOutcome outcome,
                List<String> failedJobs, String action) {
        if (outcome == null) {
            result(attempt, status, previousIds, null, null, List.of(), failedJobs, action);
        } else {
            result(attempt, status, previousIds, outcome.result().name(), outcome.message(), outcome.state().previous(),
                    failedJobs, action);
        }
    }

    /** The final JSON object of a wait or restart loop that ended with {@code result} ({@code null}: none). */
    void result(Attempt attempt, BuildStatus status, List<String> previousIds, String result, String message,
                List<WaitState.PastAttempt> chainBefore, List<String> failedJobs, String action) {
        if (!json) {
            return;
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("provider", attempt.ref().provider());
        o.put("kind", attempt.ref().kind());
        o.put("project", attempt.ref().project());
        o.put("id", attempt.ref().id());
        o.put("url", attempt.ref().url());
        if (status == null) {
            o.putNull("status");
            o.putNull("rawStatus");
            o.put("terminal", false);
        } else {
            o.put("status", status.state().name().toLowerCase(Locale.ROOT));
            o.put("rawStatus", status.raw());
            o.put("terminal", status.terminal());
        }
        o.put("attempt", attempt.number());
        ArrayNode prev = o.putArray("previousIds");
        previousIds.forEach(prev::add);
        if (action != null) {
            o.put("action", action);
        }
        if (result != null) {
            o.put("result", result.toLowerCase(Locale.ROOT));
            o.put("message", message);
            ArrayNode chain = o.putArray("attempts");
            for (WaitState.PastAttempt p : chainBefore) {
                ObjectNode a = chain.addObject();
                a.put("attempt", p.number());
                a.put("id", p.id());
                a.put("url", p.url());
                a.put("status", p.status() == null ? null : p.status().state().name().toLowerCase(Locale.ROOT));
            }
        }
        if (failedJobs != null && !failedJobs.isEmpty()) {
            ArrayNode jobs = o.putArray("failedJobs");
            failedJobs.forEach(jobs::add);
        }
        try {
            cli.out().println(Json.MAPPER.writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        cli.out().flush();
    }
}
