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
 * GitHub's REST API for a workflow run ({@code GET /repos/{o}/{r}/actions/runs/{id}}), with its primary rate
 * limit as documented in "Rate limits for the REST API": {@code x-ratelimit-limit/-remaining/-used/-reset} (epoch
 * seconds) on every answer, and over the limit {@code 403} with {@code x-ratelimit-remaining: 0} and the message
 * "API rate limit exceeded for user ID …".
 */
final class SimGitHub extends SimulatedProvider {

    SimGitHub(Limiter limiter, long t0) {
        super(limiter, t0, "github", new ConnectionSettings(URI.create(HOST + "/"),
                new ProviderCredentials.TokenCredentials(Token.of("ghp_benchmarkbenchmarkbenchmark0000000")), Map.of()));
    }

    @Override
    BuildRef ref(ProviderType type, String id) {
        return type.fromCoordinates("https://github.com", "acme/app", "run", id);
    }

    @Override
    Response answer(Request request, long now) {
        boolean ok = limiter.request(now);
        String[] limit = {"x-ratelimit-limit", Integer.toString(limiter.limit()),
            "x-ratelimit-remaining", Long.toString(ok ? limiter.remaining(now) : 0),
            "x-ratelimit-used", Long.toString(limiter.limit() - limiter.remaining(now)),
            "x-ratelimit-reset", Long.toString(limiter.resetMillis(now) / 1000), "x-ratelimit-resource", "core"};
        if (!ok) {
            return respond(request, now, 403, "Forbidden", "{\"message\":\"API rate limit exceeded for user ID 1.\","
                    + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}", limit);
        }
        String id = idSegment(request, "jobs");
        Workload.Build b = build(id);
        if (b == null) {
            return respond(request, now, 404, "Not Found", "{\"message\":\"Not Found\"}", limit);
        }
        Phase p = phase(b, now);
        if (isList(request, "jobs")) { // the failed jobs our adapter reads after a failure (List jobs for a run)
            return respond(request, now, 200, "OK", "{\"total_count\":1,\"jobs\":[{\"id\":" + id + "1,\"run_id\":" + id
                    + ",\"name\":\"test\",\"status\":\"" + (p == Phase.QUEUED ? "queued" : p == Phase.RUNNING
                    ? "in_progress" : "completed") + "\",\"conclusion\":" + (p == Phase.FAILED ? "\"failure\""
                    : p == Phase.SUCCEEDED ? "\"success\"" : "null") + "}]}", limit);
        }
        String status = switch (p) {
            case QUEUED -> "queued";
            case RUNNING -> "in_progress";
            default -> "completed";
        };
        String conclusion = p == Phase.SUCCEEDED ? "\"success\"" : p == Phase.FAILED ? "\"failure\"" : "null";
        return respond(request, now, 200, "OK", "{\"id\":" + id + ",\"name\":\"ci\",\"run_attempt\":1,\"status\":\""
                + status + "\",\"conclusion\":" + conclusion + ",\"created_at\":\"" + iso(b.waitStart())
                + "\",\"run_started_at\":\"" + iso(b.runStart()) + "\"}", limit);
    }
}
