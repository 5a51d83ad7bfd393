package io.jenkins.plugins.externalbuild.cli.bench;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A provider's server as its documentation describes it, for the benchmark: it answers our real provider adapter's
 * HTTP requests (routes, JSON shapes, rate-limit headers and over-limit errors) from the workload's builds at the
 * virtual time of the request. It replaces the remote server only; the request goes through our OkHttp client,
 * {@code HttpTransport}, header parsing and classification like any other. Each subclass is one provider.
 */
abstract class SimulatedProvider {

    /**
     * The API base our adapter is pointed at; nothing is resolved or sent over a network (the interceptor answers
     * before any connection), so no TLS is spoken either — https only keeps credentials allowed, as in production.
     */
    static final String HOST = "https://sim.invalid";
    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    final Limiter limiter;
    final long t0;
    private final String providerId;
    private final ConnectionSettings settings;
    private final Map<String, Workload.Build> byId = new HashMap<>();
    /** Restart scenarios: when each build was restarted (ms from time zero); before that it shows its failed attempt. */
    private Map<Integer, Long> restartedAt;

    /**
     * @param providerId our provider type id, e.g. {@code github}
     * @param settings   how our adapter connects: the API base of this server, credentials of the right kind
     */
    SimulatedProvider(Limiter limiter, long t0, String providerId, ConnectionSettings settings) {
        this.limiter = limiter;
        this.t0 = t0;
        this.providerId = providerId;
        this.settings = settings;
    }

    final String providerId() {
        return providerId;
    }

    final ConnectionSettings settings() {
        return settings;
    }

    /** The ref a user would give for build {@code id}. */
    abstract BuildRef ref(ProviderType type, String id);

    /** The answer to one request of our adapter at {@code now} (epoch ms); count it against the limit. */
    abstract Response answer(Request request, long now);

    /** How many builds one request of an anchor or the reference can read (CodeBuild: 100). */
    int batch() {
        return 1;
    }

    /** The id under which a build is known to this provider. */
    String idOf(Workload.Build b) {
        return Long.toString(1_000_000L + b.id());
    }

    final BuildRef refOf(Workload.Build b) {
        byId.put(idOf(b), b);
        return ref(ProviderRegistry.standard().type(providerId()), idOf(b));
    }

    final Workload.Build build(String id) {
        return byId.get(id);
    }

    /** Builds start out as the failed attempt a restart is asked for; {@link #restarted} starts the new one. */
    final void failedUntilRestarted() {
        restartedAt = new HashMap<>();
    }

    /** Starts build {@code b}'s new attempt at {@code now}: its timeline runs from then. */
    final void restarted(Workload.Build b, long now) {
        if (restartedAt != null) {
            restartedAt.putIfAbsent(b.id(), now - t0);
        }
    }

    /** How much later than the workload says the build's timeline runs (restarted later than its wait started). */
    final long offset(Workload.Build b) {
        Long at = restartedAt == null ? null : restartedAt.get(b.id());
        return at == null ? 0 : Math.max(0, at - b.waitStart());
    }

    /** Where a build is at {@code now}. */
    enum Phase { QUEUED, RUNNING, SUCCEEDED, FAILED }

    final Phase phase(Workload.Build b, long now) {
        if (restartedAt != null && !restartedAt.containsKey(b.id())) {
            return Phase.FAILED;
        }
        long rel = now - t0 - offset(b);
        if (rel < b.runStart()) {
            return Phase.QUEUED;
        }
        if (rel < b.end()) {
            return Phase.RUNNING;
        }
        return b.fails() ? Phase.FAILED : Phase.SUCCEEDED;
    }

    final String iso(long relMillis) {
        return Instant.ofEpochMilli(t0 + relMillis).toString();
    }

    static String lastSegment(Request request) {
        List<String> s = request.url().pathSegments();
        return s.get(s.size() - 1);
    }

    /** The build id of {@code …/builds/ID} or, for a list under it ({@code …/ID/jobs}), of {@code ID}. */
    static String idSegment(Request request, String list) {
        List<String> s = request.url().pathSegments();
        return s.get(s.size() - 1).equals(list) ? s.get(s.size() - 2) : s.get(s.size() - 1);
    }

    static boolean isList(Request request, String list) {
        return lastSegment(request).equals(list);
    }

    /** An answer with a {@code Date} header (the server's clock) and {@code headers}. */
    static Response respond(Request request, long now, int code, String reason, String body, String... headers) {
        Headers.Builder h = new Headers.Builder().add("Date", HTTP_DATE.format(Instant.ofEpochMilli(now)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(code).message(reason)
                .headers(h.build()).body(ResponseBody.create(body, JSON)).sentRequestAtMillis(now)
                .receivedResponseAtMillis(now).build();
    }
}
