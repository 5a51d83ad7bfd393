package io.jenkins.plugins.externalbuild.provider;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Keep-alive connections that a server closed while they sat idle in the pool. Servers drop idle connections without
 * saying so in their last answer (Twisted, which Buildbot runs on, and load balancers after 60 s; nginx after 75 s;
 * Apache httpd and Node.js after 5 s), and OkHttp checks a pooled connection thoroughly only before a request with a
 * body: a GET on such a connection fails with {@code unexpected end of stream}. The client is built with
 * {@code retryOnConnectionFailure(false)}, so that a POST is never sent twice; this interceptor sends a read
 * ({@code GET}, {@code HEAD}) again, on another connection, when its connection broke, and the pool lets idle
 * connections go after {@link #KEEP_ALIVE}, before the common server limits.
 */
final class StaleConnections implements Interceptor {

    private static final Logger LOGGER = Logger.getLogger(StaleConnections.class.getName());

    /** How long an idle connection stays pooled: below the 60 s of Twisted and load balancers, nginx's 75 s. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(30);
    /** OkHttp's default number of idle connections kept. */
    static final int MAX_IDLE = 5;
    /** Further tries of a read whose connection broke; each takes another connection (the broken one is dropped). */
    static final int RETRIES = 2;

    /** The pool of a client of ours. */
    static ConnectionPool pool() {
        return new ConnectionPool(MAX_IDLE, KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return chain.proceed(request);
        }
        for (int retry = 0;; retry++) {
            try {
                return chain.proceed(request);
            } catch (IOException e) {
                if (retry >= RETRIES || !brokenConnection(e) || chain.call().isCanceled()) {
                    throw e;
                }
                LOGGER.fine(() -> request.method() + " " + request.url().host() + ": the connection broke ("
                        + e.getClass().getSimpleName() + "); sending the read again on another connection");
            }
        }
    }

    /**
     * A connection that was open and then broke: the server closed or reset it. Not a timeout (the server is slow,
     * not gone), not a refused or unroutable connect (nothing was reused).
     */
    static boolean brokenConnection(IOException e) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
            return false;
        }
        return e instanceof EOFException || e.getCause() instanceof EOFException || e instanceof SocketException;
    }
}
