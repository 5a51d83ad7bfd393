package io.jenkins.plugins.externalbuild.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** What the provider contract tests share: a test context and their recorded answers. */
public final class ProviderTestSupport {

    private ProviderTestSupport() {
    }

    /** 2 s to connect, 5 s to read, 10 s a call, 1 MiB bodies, two GET retries through {@code pause}, never sleeping. */
    public static ProviderContext context(HttpTransport.Pause pause, Clock clock) {
        HttpTransport.Settings s = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1024 * 1024, 2, Duration.ofMillis(500));
        return new ProviderContext(HttpTransport.clientBuilder(s).build(), s, pause, clock);
    }

    /**
     * 2 s to connect and to read, 5 s a call, 1 MiB bodies, two GET retries {@code retryPause} apart through
     * {@code pause}.
     */
    public static ProviderContext shortContext(HttpTransport.Pause pause, Clock clock, Duration retryPause) {
        HttpTransport.Settings s = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024 * 1024, 2, retryPause);
        return new ProviderContext(HttpTransport.clientBuilder(s).build(), s, pause, clock);
    }

    /** The fixture {@code name} from the folder named after the test class, beside it in the test resources. */
    public static String fixture(Class<?> test, String name) {
        try (InputStream in = test.getResourceAsStream(test.getSimpleName() + "/" + name)) {
            if (in == null) {
                throw new AssertionError("no fixture " + test.getSimpleName() + "/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
