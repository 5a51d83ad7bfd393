package io.jenkins.plugins.externalbuild.cli.bench;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Codeship's API v2 (docs.cloudbees.com, CloudBees CodeShip API: authenticate, get build): {@code POST /v2/auth}
 * with Basic credentials answers an access token and the user's organizations; {@code GET
 * /v2/organizations/:org/projects/:project/builds/:uuid} answers {@code {"build": {...}}}. Its rate limit ("api-
 * overview/rate-limiting": 60 requests a minute) is silent: no header tells the count, and over it the answer is
 * {@code 403 Rate Limit Exceeded} with an empty body. The limit simulated here may be lower than that documented
 * 60 (our adapter is configured with 60 and must discover the rest).
 */
final class SimCodeship extends SimulatedProvider {

    static final String ORG = "0b5e3c7a-0000-4000-8000-00000000a11c";
    static final String PROJECT = "7d1f5a9e-0000-4000-8000-0000000b3e7c";

    SimCodeship(Limiter limiter, long t0) {
        super(limiter, t0, "codeship", new ConnectionSettings(URI.create(HOST + "/v2"),
                new ProviderCredentials.UsernamePassword("bench@example.com", Token.of("benchmark-password-0000")), Map.of()));
    }

    @Override
    String idOf(Workload.Build b) {
        return new UUID(0x5eed_0000_0000_4000L, 0x8000_0000_0000_0000L | b.id()).toString();
    }

    @Override
    BuildRef ref(ProviderType type, String id) {
        return type.fromCoordinates(null, ORG + "/" + PROJECT, "build", id);
    }

    @Override
    Response answer(Request request, long now) {
        if (!limiter.request(now)) {
            return respond(request, now, 403, "Rate Limit Exceeded", "");
        }
        if (request.method().equals("POST") && lastSegment(request).equals("auth")) {
            return respond(request, now, 200, "OK", "{\"access_token\":\"sim-access-token-0000\",\"expires_at\":"
                    + (now / 1000 + 3600) + ",\"organizations\":[{\"uuid\":\"" + ORG
                    + "\",\"name\":\"acme\",\"scopes\":[\"build.read\",\"build.write\",\"project.read\"]}]}");
        }
        String id = lastSegment(request);
        Workload.Build b = build(id);
        if (b == null) {
            return respond(request, now, 404, "Not Found", "{\"errors\":[\"not found\"]}");
        }
        Phase p = phase(b, now);
        String status = switch (p) {
            case QUEUED -> "waiting";
            case RUNNING -> "testing";
            case SUCCEEDED -> "success";
            case FAILED -> "error";
        };
        String finished = p == Phase.SUCCEEDED || p == Phase.FAILED ? "\"" + iso(b.end()) + "\"" : "null";
        return respond(request, now, 200, "OK", "{\"build\":{\"uuid\":\"" + id + "\",\"project_uuid\":\"" + PROJECT
                + "\",\"organization_uuid\":\"" + ORG + "\",\"ref\":\"heads/main\",\"branch\":\"main\",\"status\":\""
                + status + "\",\"queued_at\":\"" + iso(b.waitStart()) + "\",\"finished_at\":" + finished + "}}");
    }
}
