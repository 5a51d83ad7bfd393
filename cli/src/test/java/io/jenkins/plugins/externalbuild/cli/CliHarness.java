package io.jenkins.plugins.externalbuild.cli;

import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** What every CLI test builds: short timeouts, pauses that never sleep, every provider, output captured. */
final class CliHarness {

    private CliHarness() {
    }

    /** A provider context for tests: 2 s timeouts, two GET retries, {@code pause} instead of sleeping. */
    static ProviderContext context(HttpTransport.Pause pause) {
        HttpTransport.Settings settings = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024 * 1024, 2, Duration.ofMillis(10));
        return new ProviderContext(HttpTransport.clientBuilder(settings).build(), settings, pause, Clock.systemUTC());
    }

    /** A CLI with {@code env}, writing to {@code out} and {@code err}, with the standard providers. */
    static Cli cli(Map<String, String> env, StringWriter out, StringWriter err, HttpTransport.Pause pause) {
        return new Cli(env, new PrintWriter(out, true), new PrintWriter(err, true), context(pause), ProviderRegistry.standard());
    }

    static Cli cli(Map<String, String> env, StringWriter out, StringWriter err) {
        return cli(env, out, err, d -> { });
    }
}
