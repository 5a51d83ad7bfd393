package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that closes an idle keep-alive connection without saying so in its answer (Twisted, which Buildbot runs
 * on, after 60 s; nginx after 75 s; load balancers): here a raw loopback server that closes each connection right
 * after its first answer, which carried no {@code Connection: close}. The next read must not fail on the pooled,
 * now dead connection, with the Jenkins settings (no GET retries of the transport's own); a POST must never be sent
 * a second time.
 */
class StaleConnectionTest {

    private ServerSocket server;
    private Thread acceptor;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Semaphore closed = new Semaphore(0);
    /** The server is gone: every connection is closed before any answer (its port stays bound, so no other process can take it). */
    private volatile boolean gone;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "stale-connection-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5_000);
    }

    /** One request per connection: answer it keep-alive style, then close the socket as an idle timeout would. */
    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                if (gone) {
                    continue;
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String requestLine = in.readLine();
                int length = 0;
                for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                for (int i = 0; i < length; i++) {
                    in.read();
                }
                received.add(requestLine);
                byte[] body = "{\"status\":\"running\"}".getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // closed by stop(), or a client that went away
            }
            closed.release();
        }
    }

    /** The transport as Jenkins builds it: the project's client, no GET retries of the transport's own. */
    private HttpTransport jenkinsLikeTransport() {
        HttpTransport.Settings d = HttpTransport.Settings.defaults();
        HttpTransport.Settings settings = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5), d.maxResponseBytes(), 0, d.retryPause());
        OkHttpClient client = HttpTransport.clientBuilder(settings).build();
        return new HttpTransport(client, "buildbot", "Buildbot", Redactor.of(List.of()), settings, p -> { },
                Clock.systemUTC());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    @Test
    void aReadOnAConnectionTheServerClosedWhileIdleIsSentAgainOnAFreshOne() throws Exception {
        HttpTransport transport = jenkinsLikeTransport();
        assertThat(transport.execute(new Request.Builder().url(url("/api/v2/builds/1")).build()).code()).isEqualTo(200);
        assertThat(closed.tryAcquire(5, TimeUnit.SECONDS)).isTrue(); // the server has closed the idle connection

        HttpResponse second = transport.execute(new Request.Builder().url(url("/api/v2/builds/1")).build());

        assertThat(second.code()).isEqualTo(200);
        assertThat(received).containsExactly("GET /api/v2/builds/1 HTTP/1.1", "GET /api/v2/builds/1 HTTP/1.1");
    }

    @Test
    void aPostOnSuchAConnectionIsNeverSentAgain() throws Exception {
        HttpTransport transport = jenkinsLikeTransport();
        assertThat(transport.execute(new Request.Builder().url(url("/api/v2/builds/1")).build()).code()).isEqualTo(200);
        assertThat(closed.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        Request post = new Request.Builder().url(url("/api/v2/builds/1"))
                .post(RequestBody.create("{\"method\":\"rebuild\"}", MediaType.get("application/json"))).build();

        try {
            transport.execute(post);
        } catch (ProviderException.Transient e) {
            // the dead connection: acceptable, as long as the POST was not sent again on a fresh one
            assertThat(e.getMessage()).doesNotContain("rebuild");
        }

        assertThat(received.stream().filter(r -> r.startsWith("POST")).count()).isLessThanOrEqualTo(1);
        assertThat(received).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void theTransportsReadRetriesStillEndWhenTheServerIsGone() throws Exception {
        HttpTransport transport = jenkinsLikeTransport();
        assertThat(transport.execute(new Request.Builder().url(url("/x")).build()).code()).isEqualTo(200);
        assertThat(closed.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        gone = true; // not server.close(): a freed port was taken by another process on a busy machine, which answered

        assertThatThrownBy(() -> transport.execute(new Request.Builder().url(url("/x")).build()))
                .isInstanceOf(ProviderException.Transient.class);
    }
}
