package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;

/** What the commands share: environment, output streams, HTTP context and the known providers. */
record Cli(Map<String, String> env, PrintWriter out, PrintWriter err, ProviderContext providerContext,
           ProviderRegistry registry) {

    Cli {
        env = Map.copyOf(env);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(providerContext, "providerContext");
        Objects.requireNonNull(registry, "registry");
    }

    @Override
    public String toString() {
        return "Cli"; // the environment may hold tokens: never print it
    }
}
