package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.io.PrintWriter;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Objects;

/**
 * What the commands share: environment, output streams, HTTP context, the known providers, and the secrets met so
 * far (every credential is registered there as soon as it is read, so that any error text is scrubbed of it).
 */
record Cli(Map<String, String> env, PrintWriter out, PrintWriter err, ProviderContext providerContext,
           ProviderRegistry registry, List<Token> secrets) {

    Cli {
        env = Map.copyOf(env);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(providerContext, "providerContext");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(secrets, "secrets");
    }

    Cli(Map<String, String> env, PrintWriter out, PrintWriter err, ProviderContext providerContext, ProviderRegistry registry) {
        this(env, out, err, providerContext, registry, new CopyOnWriteArrayList<>());
    }

    /** Registers {@code credentials}' secrets for the redaction of every error text; before anything can fail. */
    void register(ProviderCredentials credentials) {
        secrets.addAll(credentials.secrets());
    }

    @Override
    public String toString() {
        return "Cli"; // the environment may hold tokens: never print it
    }
}
