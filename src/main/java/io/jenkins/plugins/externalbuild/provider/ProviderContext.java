package io.jenkins.plugins.externalbuild.provider;

import io.jenkins.plugins.externalbuild.engine.RateBudget;
import io.jenkins.plugins.externalbuild.engine.RateBudgets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * What every provider connection shares: one {@link OkHttpClient} (its connection pool and threads), the
 * transport limits, the pause used between GET retries, the clock, and the JVM's {@link RateBudgets} — one per
 * provider account, so that every connection with the same credentials paces itself against one budget. The
 * host (CLI, Jenkins) makes one.
 */
public record ProviderContext(OkHttpClient client, HttpTransport.Settings settings, HttpTransport.Pause pause, Clock clock,
                              RateBudgets budgets) {

    public ProviderContext {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(budgets, "budgets");
    }

    /** A context with budgets of its own. */
    public ProviderContext(OkHttpClient client, HttpTransport.Settings settings, HttpTransport.Pause pause, Clock clock) {
        this(client, settings, pause, clock, new RateBudgets());
    }

    /** A context with default limits, the system proxy settings, real pauses and the system clock. */
    public static ProviderContext defaults() {
        return defaults(new RateBudgets());
    }

    /** {@link #defaults()} with the given budgets (the CLI's are shared by the processes of the machine). */
    public static ProviderContext defaults(RateBudgets budgets) {
        HttpTransport.Settings settings = HttpTransport.Settings.defaults();
        return new ProviderContext(HttpTransport.clientBuilder(settings).build(), settings,
                d -> Thread.sleep(d.toMillis()), Clock.systemUTC(), budgets);
    }

    /**
     * This context, but whose requests may carry credentials over plain http to any host: only when the user
     * said so explicitly ({@code --allow-http}, an endpoint's "Allow plain http"). See {@link CleartextGuard}.
     */
    public ProviderContext allowingCleartext() {
        return new ProviderContext(CleartextGuard.without(client), settings, pause, clock, budgets);
    }

    /** A transport for one provider connection, redacting {@code credentials}' secrets; no request ceiling. */
    public HttpTransport transport(String provider, String displayName, ProviderCredentials credentials) {
        return transport(provider, displayName, credentials, "", Double.POSITIVE_INFINITY);
    }

    /**
     * A transport for one provider connection, pacing itself with the budget of its account.
     *
     * @param apiBase the API base when it is fixed for the connection (an override), or empty
     * @param ceilingPerSecond the provider's documented limit where it announces none in its answers
     */
    public HttpTransport transport(String provider, String displayName, ProviderCredentials credentials, String apiBase,
                                   double ceilingPerSecond) {
        RateBudget budget = budgets.budget(budgetKey(provider, apiBase, credentials), ceilingPerSecond);
        List<Token> secrets = new ArrayList<>(credentials.secrets());
        secrets.addAll(ProxyChallenge.systemSecrets());
        return new HttpTransport(client, provider, displayName, Redactor.of(secrets), settings, pause, clock, budget);
    }

    /**
     * A transport for the connection {@code settings} describes: its credentials, and its API base when one is set.
     *
     * @param ceilingPerSecond the provider's documented limit where it announces none in its answers
     */
    public HttpTransport transport(String provider, String displayName, ConnectionSettings settings,
                                   double ceilingPerSecond) {
        return transport(provider, displayName, settings.credentials(),
                settings.apiBase() == null ? "" : settings.apiBase().toString(), ceilingPerSecond);
    }

    /**
     * {@code provider|apiBase|fingerprint}: the fingerprint is a short SHA-256 of the secrets, so that budgets are
     * per credential without the key (which logs and thread dumps may show) holding any secret.
     */
    static String budgetKey(String provider, String apiBase, ProviderCredentials credentials) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(credentials.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
            for (Token t : credentials.secrets()) {
                sha.update((byte) 0);
                sha.update(t.reveal().getBytes(StandardCharsets.UTF_8));
            }
            String fingerprint = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
            return provider + "|" + (apiBase == null ? "" : apiBase) + "|" + fingerprint;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
