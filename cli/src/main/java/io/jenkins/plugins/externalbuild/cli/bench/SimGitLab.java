package io.jenkins.plugins.externalbuild.cli.bench;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.net.URI;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;

/**
 * GitLab's pipeline API ({@code GET /api/v4/projects/:id/pipelines/:pipeline_id}) with the rate-limit headers of
 * GitLab's "Rate limits" documentation: {@code RateLimit-Limit}, {@code RateLimit-Observed},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset} (Unix time) and {@code RateLimit-ResetTime}; over the limit
 * {@code 429 Too Many Requests} with {@code Retry-After} (seconds) and the body "Retry later". The headers are sent
 * on every answer here (GitLab.com sends them; a self-managed instance may send them on throttled answers only).
 */
final class SimGitLab extends SimulatedProvider {

    SimGitLab(Limiter limiter, long t0) {
        super(limiter, t0, "gitlab", new ConnectionSettings(URI.create(HOST + "/api/v4"),
                new ProviderCredentials.TokenCredentials(Token.of("glpat-benchmarkbenchmark00")), Map.of()));
    }

    @Override
    BuildRef ref(ProviderType type, String id) {
        return type.fromCoordinates("https://gitlab.example.com", "group/app", "pipeline", id);
    }

    @Override
    Response answer(Request request, long now) {
        boolean ok = limiter.request(now);
        long reset = limiter.resetMillis(now);
        String[] limit = {"RateLimit-Limit", Integer.toString(limiter.limit()),
            "RateLimit-Observed", Long.toString(limiter.limit() - limiter.remaining(now)),
            "RateLimit-Remaining", Long.toString(ok ? limiter.remaining(now) : 0),
            "RateLimit-Reset", Long.toString(reset / 1000),
            "RateLimit-ResetTime", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    java.time.Instant.ofEpochMilli(reset).atOffset(java.time.ZoneOffset.UTC))};
        if (!ok) {
            String[] with = java.util.Arrays.copyOf(limit, limit.length + 2);
            with[limit.length] = "Retry-After";
            with[limit.length + 1] = Long.toString(Math.max(1, (reset - now + 999) / 1000));
            return respond(request, now, 429, "Too Many Requests", "Retry later", with);
        }
        boolean retry = request.method().equals("POST") && isList(request, "retry");
        String id = idSegment(request, retry ? "retry" : "jobs");
        Workload.Build b = build(id);
        if (b == null) {
            return respond(request, now, 404, "Not Found", "{\"message\":\"404 Not found\"}", limit);
        }
        if (retry) { // Retry jobs in a pipeline: 201 with the pipeline, whose failed jobs run again
            restarted(b, now);
            return respond(request, now, 201, "Created", "{\"id\":" + id + ",\"status\":\"pending\",\"ref\":\"main\","
                    + "\"sha\":\"0123abcd\",\"source\":\"push\"}", limit);
        }
        String status = switch (phase(b, now)) {
            case QUEUED -> "pending";
            case RUNNING -> "running";
            case SUCCEEDED -> "success";
            case FAILED -> "failed";
        };
        if (isList(request, "jobs")) { // the failed jobs our adapter reads after a failure (List pipeline jobs)
            return respond(request, now, 200, "OK", "[{\"id\":" + id + "1,\"name\":\"test\",\"stage\":\"test\","
                    + "\"status\":\"" + status + "\",\"failure_reason\":\"script_failure\"}]", limit);
        }
        return respond(request, now, 200, "OK", "{\"id\":" + id + ",\"status\":\"" + status
                + "\",\"ref\":\"main\",\"sha\":\"0123abcd\",\"source\":\"push\"}", limit);
    }
}
