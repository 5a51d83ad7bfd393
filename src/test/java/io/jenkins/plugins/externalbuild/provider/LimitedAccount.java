package io.jenkins.plugins.externalbuild.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * One provider account with a fixed-window rate limit, on a loopback {@code MockWebServer}, answering with the
 * provider's documented headers and errors on a clock the test owns (virtual or real):
 * <ul>
 *   <li>GitLab ({@code doc/administration/settings/user_and_ip_rate_limits.md}): {@code RateLimit-Limit},
 *       {@code -Observed}, {@code -Remaining}, {@code -Reset} (Unix time), {@code -ResetTime}; over the limit
 *       429 "Retry later" with {@code Retry-After}. Jobs at {@code /api/v4/projects/g%2Fapp/jobs/<id>}.</li>
 *   <li>GitHub ({@code rest/using-the-rest-api/rate-limits-for-the-rest-api}): {@code x-ratelimit-limit},
 *       {@code -remaining}, {@code -used}, {@code -reset} (Unix time), {@code -resource}; over the limit 403
 *       "API rate limit exceeded" with remaining 0. Runs at {@code /repos/o/r/actions/runs/<id>}.</li>
 * </ul>
 * Every answer carries {@code Date}. A build runs until its end time, then succeeded. {@link #interfere} lets a
 * test play another client of the same credentials.
 */
public final class LimitedAccount extends Dispatcher {

    public enum Style { GITLAB, GITHUB }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Style style;
    private final int limit;
    private final Duration window;
    private final Supplier<Instant> clock;
    private final Map<String, Instant> endAt = new ConcurrentHashMap<>();
    /** Every request: when it came and whether it was refused. */
    public final List<Instant> requests = new CopyOnWriteArrayList<>();
    public final List<Instant> rejected = new CopyOnWriteArrayList<>();
    private long windowStart = Long.MIN_VALUE;
    private int used;
    private Interference next;

    /** What another client does to the account at the next request: spend it to {@code left}, or be refused. */
    private record Interference(int left, Duration retryAfter) {
    }

    /**
     * A server that answers without Nagle's delay: thousands of requests in one test would otherwise wait 40 ms
     * each for a delayed ACK on loopback.
     */
    public static MockWebServer server() {
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new ServerSocket() {
                    @Override
                    public Socket accept() throws IOException {
                        Socket s = new Socket();
                        implAccept(s);
                        s.setTcpNoDelay(true);
                        return s;
                    }
                };
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                throw new UnsupportedOperationException();
            }
        });
        return server;
    }

    /** {@link ProviderTestSupport#context} on {@code clock}, never pausing, its client without Nagle's delay. */
    public static ProviderContext fastContext(java.time.Clock clock) {
        HttpTransport.Settings s = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1024 * 1024, 2, Duration.ofMillis(500));
        SocketFactory plain = SocketFactory.getDefault();
        SocketFactory noDelay = new SocketFactory() {
            private Socket tuned(Socket socket) throws IOException {
                socket.setTcpNoDelay(true);
                return socket;
            }

            @Override
            public Socket createSocket() throws IOException {
                return tuned(plain.createSocket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return tuned(plain.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return tuned(plain.createSocket(host, port, local, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return tuned(plain.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
                return tuned(plain.createSocket(host, port, local, localPort));
            }
        };
        return new ProviderContext(HttpTransport.clientBuilder(s).socketFactory(noDelay).build(), s, d -> { }, clock);
    }

    public LimitedAccount(Style style, int limit, Duration window, Supplier<Instant> clock) {
        this.style = style;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** A build that runs until {@code end}. */
    public LimitedAccount build(String id, Instant end) {
        endAt.put(id, end);
        return this;
    }

    /**
     * At the next request, another client has spent the window down to {@code left} requests; with
     * {@code retryAfter} that request is refused and asked to retry after it (its window resets then).
     */
    public synchronized void interfere(int left, Duration retryAfter) {
        next = new Interference(left, retryAfter);
    }

    public String buildPath(String id) {
        return style == Style.GITLAB ? "/api/v4/projects/g%2Fapp/jobs/" + id : "/repos/o/r/actions/runs/" + id;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        Instant now = clock.get();
        requests.add(now);
        long t = now.toEpochMilli();
        if (t >= windowStart + window.toMillis()) {
            windowStart = t;
            used = 0;
        }
        long resetMillis = windowStart + window.toMillis();
        if (next != null) {
            used = Math.max(used, limit - next.left);
            if (next.retryAfter != null) {
                resetMillis = t + next.retryAfter.toMillis();
                windowStart = resetMillis - window.toMillis();
                used = limit;
            }
            next = null;
        }
        Instant reset = Instant.ofEpochMilli(resetMillis);
        if (used >= limit) {
            rejected.add(now);
            MockResponse.Builder b = limitHeaders(new MockResponse.Builder(), now, 0, reset);
            if (style == Style.GITLAB) {
                b.setHeader("Retry-After", seconds(now, reset));
            }
            return b.code(style == Style.GITLAB ? 429 : 403)
                    .body(style == Style.GITLAB ? "Retry later\n" : "{\"message\":\"API rate limit exceeded for user ID 1.\","
                            + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")
                    .build();
        }
        used++;
        String path = request.getUrl().encodedPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        Instant end = endAt.get(id);
        if (end == null || !path.equals(buildPath(id))) {
            return limitHeaders(new MockResponse.Builder(), now, limit - used, reset).code(404)
                    .body("{\"message\":\"404 Not found\"}").build();
        }
        boolean done = !now.isBefore(end);
        return limitHeaders(new MockResponse.Builder(), now, limit - used, reset).code(200)
                .setHeader("Content-Type", "application/json").body(body(id, done)).build();
    }

    private MockResponse.Builder limitHeaders(MockResponse.Builder b, Instant now, int remaining, Instant reset) {
        b.setHeader("Date", HTTP_DATE.format(now));
        String resetUnix = String.valueOf((reset.toEpochMilli() + 999) / 1000);
        if (style == Style.GITLAB) {
            return b.setHeader("RateLimit-Name", "throttle_authenticated_api").setHeader("RateLimit-Limit", limit)
                    .setHeader("RateLimit-Observed", limit - remaining).setHeader("RateLimit-Remaining", remaining)
                    .setHeader("RateLimit-Reset", resetUnix).setHeader("RateLimit-ResetTime", HTTP_DATE.format(reset));
        }
        return b.setHeader("x-ratelimit-limit", limit).setHeader("x-ratelimit-remaining", remaining)
                .setHeader("x-ratelimit-used", limit - remaining).setHeader("x-ratelimit-reset", resetUnix)
                .setHeader("x-ratelimit-resource", "core");
    }

    private static String seconds(Instant now, Instant reset) {
        return String.valueOf(Math.max(1, (Duration.between(now, reset).toMillis() + 999) / 1000));
    }

    private String body(String id, boolean done) {
        if (style == Style.GITLAB) {
            return "{\"id\":" + id + ",\"name\":\"rspec\",\"status\":\"" + (done ? "success" : "running")
                    + "\",\"allow_failure\":false}";
        }
        String fixture = resource("/io/jenkins/plugins/externalbuild/provider/github/GitHubActionsProviderTest/"
                + (done ? "run-success.json" : "run-in-progress.json"));
        return fixture.replace("30433642", id);
    }

    private static String resource(String path) {
        try (InputStream in = LimitedAccount.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
