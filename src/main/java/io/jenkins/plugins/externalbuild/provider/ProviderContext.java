package io.jenkins.plugins.externalbuild.provider;

import java.time.Clock;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * What every provider connection shares: one {@link OkHttpClient} (its connection pool and threads), the
 * transport limits, the pause used between GET retries, and the clock. The host (CLI, Jenkins) makes one.
 */
public record ProviderContext(OkHttpClient client, HttpTransport.Settings settings, HttpTransport.Pause pause, Clock clock) {

    public ProviderContext {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(clock, "clock");
    }

    /** A context with default limits, the system proxy settings, real pauses and the system clock. */
    public static ProviderContext defaults() {
        HttpTransport.Settings settings = HttpTransport.Settings.defaults();
        return new ProviderContext(HttpTransport.clientBuilder(settings).build(), settings,
                d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
    }

    /** A transport for one provider connection, redacting {@code credentials}' secrets. */
    public HttpTransport transport(String provider, String displayName, ProviderCredentials credentials) {
        return new HttpTransport(client, provider, displayName, Redactor.of(credentials.secrets()), settings, pause, clock);
    }
}
