package io.jenkins.plugins.externalbuild.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * AWS CodeBuild's JSON API (API Reference, BatchGetBuilds): {@code POST /} with {@code X-Amz-Target:
 * CodeBuild_20161006.BatchGetBuilds} and {@code {"ids": [...]}} (at most 100), answering {@code builds} and
 * {@code buildsNotFound}. AWS publishes no rate for it; over the simulated limit it answers as the aws-json
 * protocol does, {@code 400} with {@code {"__type": "ThrottlingException", "message": "Rate exceeded"}}.
 */
final class SimCodeBuild extends SimulatedProvider {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    SimCodeBuild(Limiter limiter, long t0) {
        super(limiter, t0, "codebuild", new ConnectionSettings(URI.create(HOST + "/"), ProviderCredentials.Aws.keys(
                "AKIABENCHMARK0000000", Token.of("benchmark/secret/access/key/0000000000000"), null, null), Map.of()));
    }

    @Override
    int batch() {
        return 100;
    }

    @Override
    String idOf(Workload.Build b) {
        return "app:" + new java.util.UUID(0xc0de_0000_0000_4000L, 0x8000_0000_0000_0000L | b.id());
    }

    @Override
    BuildRef ref(ProviderType type, String id) {
        return type.fromCoordinates("us-east-1", null, "build", id);
    }

    @Override
    Response answer(Request request, long now) {
        if (!limiter.request(now)) {
            return respond(request, now, 400, "Bad Request",
                    "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
        }
        JsonNode ids;
        try (Buffer body = new Buffer()) {
            request.body().writeTo(body);
            ids = MAPPER.readTree(body.readUtf8()).path("ids");
        } catch (IOException e) {
            return respond(request, now, 400, "Bad Request", "{\"__type\":\"SerializationException\"}");
        }
        StringBuilder builds = new StringBuilder();
        StringBuilder missing = new StringBuilder();
        for (JsonNode idNode : ids) {
            String id = idNode.asText();
            Workload.Build b = build(id);
            if (b == null) {
                missing.append(missing.length() == 0 ? "" : ",").append('"').append(id).append('"');
                continue;
            }
            Phase p = phase(b, now);
            String status = p == Phase.SUCCEEDED ? "SUCCEEDED" : p == Phase.FAILED ? "FAILED" : "IN_PROGRESS";
            String phase = p == Phase.QUEUED ? "QUEUED" : p == Phase.RUNNING ? "BUILD" : "COMPLETED";
            builds.append(builds.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"arn\":\"arn:aws:codebuild:us-east-1:123456789012:build/")
                    .append(id).append("\",\"projectName\":\"app\",\"buildStatus\":\"").append(status)
                    .append("\",\"currentPhase\":\"").append(phase).append("\",\"buildComplete\":")
                    .append(p == Phase.SUCCEEDED || p == Phase.FAILED).append('}');
        }
        return respond(request, now, 200, "OK", "{\"builds\":[" + builds + "],\"buildsNotFound\":[" + missing + "]}",
                "x-amzn-RequestId", "00000000-0000-4000-8000-000000000000");
    }
}
