package io.jenkins.plugins.externalbuild.cli.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * A real HTTP server on 127.0.0.1 speaking GitLab's pipeline API ({@code GET /api/v4/projects/:id/pipelines/:id})
 * with GitLab's documented rate-limit answers: {@code RateLimit-Limit/-Observed/-Remaining/-Reset} on every answer
 * and, over the limit, {@code 429} with {@code Retry-After}. Each {@code PRIVATE-TOKEN} is one account with its
 * own fixed one-minute window (a limit of 0: unlimited, no headers). A pipeline runs until
 * {@code endOf.applyAsLong(id)} (epoch ms; {@code Long.MAX_VALUE}: forever), then succeeds. Stateless per pipeline,
 * so that it adds no heap per wait to a footprint measurement.
 */
final class LoopbackGitLab implements AutoCloseable {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService threads;
    private final int limitPerMinute;
    private final LongUnaryOperator endOf;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> accepted = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();

    LoopbackGitLab(int limitPerMinute, LongUnaryOperator endOf) throws IOException {
        this.limitPerMinute = limitPerMinute;
        this.endOf = endOf;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "loopback-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(threads);
        server.createContext("/api/v4/projects/", this::handle);
        server.start();
    }

    String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v4";
    }

    long accepted(String token) {
        return accepted.computeIfAbsent(token, k -> new AtomicLong()).get();
    }

    long rejected(String token) {
        return rejected.computeIfAbsent(token, k -> new AtomicLong()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long now = System.currentTimeMillis();
            String token = String.valueOf(exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN"));
            exchange.getResponseHeaders().add("Date", HTTP_DATE.format(Instant.ofEpochMilli(now)));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (limitPerMinute > 0) {
                long[] w = windows.computeIfAbsent(token, k -> new long[2]);
                long remaining;
                boolean ok;
                long reset;
                synchronized (w) {
                    long window = now / 60_000;
                    if (w[0] != window) {
                        w[0] = window;
                        w[1] = 0;
                    }
                    ok = w[1] < limitPerMinute;
                    if (ok) {
                        w[1]++;
                    }
                    remaining = limitPerMinute - w[1];
                    reset = (window + 1) * 60_000;
                }
                var h = exchange.getResponseHeaders();
                h.add("RateLimit-Limit", Integer.toString(limitPerMinute));
                h.add("RateLimit-Observed", Long.toString(limitPerMinute - remaining));
                h.add("RateLimit-Remaining", Long.toString(remaining));
                h.add("RateLimit-Reset", Long.toString(reset / 1000));
                h.add("RateLimit-ResetTime", HTTP_DATE.format(Instant.ofEpochMilli(reset)));
                if (!ok) {
                    rejected.computeIfAbsent(token, k -> new AtomicLong()).incrementAndGet();
                    h.add("Retry-After", Long.toString(Math.max(1, (reset - now + 999) / 1000)));
                    send(exchange, 429, "Retry later");
                    return;
                }
                accepted.computeIfAbsent(token, k -> new AtomicLong()).incrementAndGet();
            }
            String path = exchange.getRequestURI().getPath();
            String id = path.substring(path.lastIndexOf('/') + 1);
            long pipeline;
            try {
                pipeline = Long.parseLong(id);
            } catch (NumberFormatException e) {
                send(exchange, 404, "{\"message\":\"404 Not found\"}");
                return;
            }
            String status = now < endOf.applyAsLong(pipeline) ? "running" : "success";
            send(exchange, 200, "{\"id\":" + pipeline + ",\"status\":\"" + status + "\",\"ref\":\"main\",\"sha\":\"0123abcd\"}");
        }
    }

    private static void send(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
