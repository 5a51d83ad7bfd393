package io.jenkins.plugins.externalbuild.provider;

import io.jenkins.plugins.externalbuild.engine.RateBudget;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Authenticator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The one HTTP client path of every provider: timeouts on every call, proxy from the standard Java
 * proxy properties (or whatever {@code ProxySelector} the host installs), a user agent with our version,
 * a bounded response size, a small retry for idempotent GETs on transient failures, and one error
 * taxonomy ({@link ProviderException}). Nothing leaves this class unredacted.
 *
 * <p>Thread-safe; share one per provider connection. Calls block: run them on an I/O pool, never on a
 * timer thread.
 */
public final class HttpTransport {

    private static final Logger LOGGER = Logger.getLogger(HttpTransport.class.getName());

    /**
     * Transport limits.
     *
     * @param getRetries extra tries of an idempotent GET after a network failure or a 502/503/504
     * @param retryPause pause before each such retry (multiplied by the try number)
     */
    public record Settings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, long maxResponseBytes,
                           int getRetries, Duration retryPause) {
        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(callTimeout, "callTimeout");
            Objects.requireNonNull(retryPause, "retryPause");
            if (maxResponseBytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes < 1024: " + maxResponseBytes);
            }
            if (getRetries < 0) {
                throw new IllegalArgumentException("getRetries < 0: " + getRetries);
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                    8L * 1024 * 1024, 2, Duration.ofMillis(500));
        }
    }

    /** Pauses between GET retries; tests pass a recorder instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final OkHttpClient client;
    private final String provider;
    private final String displayName;
    private final Redactor redactor;
    private final Settings settings;
    private final Pause pause;
    private final Clock clock;
    private final RateBudget budget;

    public HttpTransport(OkHttpClient client, String provider, String displayName, Redactor redactor, Settings settings,
                         Pause pause, Clock clock) {
        this(client, provider, displayName, redactor, settings, pause, clock, RateBudget.unlimited(provider));
    }

    /** @param budget the account's budget, told the rate-limit headers of every answer */
    public HttpTransport(OkHttpClient client, String provider, String displayName, Redactor redactor, Settings settings,
                         Pause pause, Clock clock, RateBudget budget) {
        this.client = Objects.requireNonNull(client, "client");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** The budget of this connection's account. */
    public RateBudget budget() {
        return budget;
    }

    /**
     * A client with our timeouts and user agent, whose reads survive connections a server closed while idle
     * ({@link StaleConnections}). Proxies: OkHttp asks {@link java.net.ProxySelector#getDefault()},
     * which follows {@code http(s).proxyHost}, {@code http(s).proxyPort} and {@code http.nonProxyHosts};
     * {@code http(s).proxyUser}/{@code http(s).proxyPassword} answer a proxy's Basic challenge
     * ({@link ProxyChallenge}); requests carrying credentials over plain http go only to loopback
     * ({@link CleartextGuard}).
     */
    public static OkHttpClient.Builder clientBuilder(Settings settings) {
        return new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .retryOnConnectionFailure(false)
                .connectionPool(StaleConnections.pool())
                .addInterceptor(new StaleConnections())
                .followRedirects(false)
                .proxyAuthenticator(HttpTransport::proxyCredentials)
                .addInterceptor(CleartextGuard.INSTANCE)
                .addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("User-Agent", userAgent()).build()));
    }

    public static String userAgent() {
        return "external-build/" + Version.get() + " (Java " + Runtime.version().feature() + ")";
    }

    private static Request proxyCredentials(Route route, Response response) {
        String scheme = response.request().url().isHttps() ? "https" : "http";
        return ProxyChallenge.answer(route, response, System.getProperty(scheme + ".proxyUser"),
                System.getProperty(scheme + ".proxyPassword"));
    }

    public Redactor redactor() {
        return redactor;
    }

    public String provider() {
        return provider;
    }

    public String displayName() {
        return displayName;
    }

    /** A transport like this one that also redacts {@code extra} (a session token obtained at run time). */
    public HttpTransport withSecret(Token extra) {
        return new HttpTransport(client, provider, displayName, redactor.with(extra), settings, pause, clock, budget);
    }

    /**
     * Sends the request and reads the whole (bounded) answer, whatever its status. GETs are retried on network
     * failures and 502/503/504; nothing else is, since a POST that timed out may have reached the server.
     */
    public HttpResponse execute(Request request) throws ProviderException {
        boolean idempotent = "GET".equals(request.method()) || "HEAD".equals(request.method());
        int tries = idempotent ? settings.getRetries() + 1 : 1;
        ProviderException last = null;
        for (int attempt = 1; attempt <= tries; attempt++) {
            if (attempt > 1) {
                pauseBeforeRetry(attempt - 1);
            }
            try {
                HttpResponse response = once(request);
                int c = response.code();
                if (idempotent && attempt < tries && (c == 502 || c == 503 || c == 504)) {
                    last = classify(response, "");
                    continue;
                }
                return response;
            } catch (ProviderException.Transient e) {
                last = e;
            }
        }
        throw last;
    }

    /** Sends the request and returns the answer if it is a 2xx; otherwise throws the classified failure. */
    public HttpResponse expectSuccess(Request request, String what) throws ProviderException {
        HttpResponse response = execute(request);
        if (!response.successful()) {
            throw classify(response, what);
        }
        return response;
    }

    private void pauseBeforeRetry(int retry) throws ProviderException {
        try {
            pause.pause(settings.retryPause().multipliedBy(retry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Transient(provider, 0, displayName + " request interrupted", null);
        }
    }

    private HttpResponse once(Request request) throws ProviderException {
        String target = request.method() + " " + redactor.redact(request.url());
        Call call = client.newCall(request);
        budget.spend(clock.instant());
        try (Response response = call.execute()) {
            String body = readBounded(response, target);
            LOGGER.fine(() -> target + " -> " + response.code());
            RateSignal.read(response.headers(), clock.instant())
                    .ifPresent(s -> budget.observe(clock.instant(), s.remaining(), s.reset()));
            return new HttpResponse(request.method(), request.url(), response.code(), response.message(), response.headers(), body,
                    clock.instant());
        } catch (ProviderException e) {
            throw e;
        } catch (InterruptedIOException e) {
            throw new ProviderException.Transient(provider, 0, displayName + " did not answer in time: " + target
                    + " (" + redactor.redact(String.valueOf(e.getMessage())) + ")", null);
        } catch (IOException e) {
            throw new ProviderException.Transient(provider, 0, "Could not reach " + displayName + ": " + target + " ("
                    + e.getClass().getSimpleName() + ": " + redactor.redact(String.valueOf(e.getMessage())) + ")", null);
        }
    }

    private String readBounded(Response response, String target) throws IOException {
        ResponseBody body = response.body();
        BufferedSource source = body.source();
        long max = settings.maxResponseBytes();
        if (source.request(max + 1)) {
            throw new ProviderException.BadResponse(provider, response.code(), displayName + " answered " + target
                    + " with more than " + max + " bytes; refusing to read it", null);
        }
        return source.getBuffer().readString(StandardCharsets.UTF_8);
    }

    /**
     * The default classification of a non-2xx answer. Providers refine it where their APIs differ
     * (Codeship signals rate limits with 403; GitLab refuses a retry with 403).
     *
     * @param what the thing asked about, for the message ({@code "job 8 of group/app"}); may be empty
     */
    public ProviderException classify(HttpResponse response, String what) {
        int code = response.code();
        String about = what == null || what.isEmpty() ? "" : " for " + what;
        String head = displayName + " answered " + code + about + " (" + response.method() + " "
                + redactor.redact(response.url()) + ")";
        String detail = excerpt(response.body());
        String msg = detail.isEmpty() ? head : head + ": " + detail;
        if (code == 401) {
            return new ProviderException.AuthError(provider, code, msg + ". The credentials were rejected: check the token and that it has not expired.");
        }
        if (code == 403) {
            return new ProviderException.AuthError(provider, code, msg + ". The credentials lack a permission for this.");
        }
        if (code == 404) {
            return new ProviderException.NotFound(provider, code, msg + ". Check the URL, or that the credentials can see the project.");
        }
        if (code == 429) {
            Optional<Duration> wait = retryAfter(response);
            return new ProviderException.RateLimited(provider, code, msg + wait.map(d -> " Retry after " + d.toSeconds() + " s.")
                    .orElse(""), wait.orElse(null));
        }
        if (code == 408 || code >= 500) {
            return new ProviderException.Transient(provider, code, msg, null);
        }
        return new ProviderException.BadResponse(provider, code, msg, null);
    }

    /** The delay a rate-limited answer asks for, from {@code Retry-After} or a reset header. */
    public Optional<Duration> retryAfter(HttpResponse response) {
        return RetryAfter.parse(response.headers(), clock.instant(), "RateLimit-Reset", "X-RateLimit-Reset");
    }

    /** A short, redacted, single-line excerpt of a body for messages; the "message"/"error" of a JSON body when present. */
    public String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = Json.messageOf(body).orElse(body);
        text = text.replaceAll("\\s+", " ").strip();
        if (text.length() > 200) {
            text = text.substring(0, 200) + "…";
        }
        return redactor.redact(text);
    }
}
