package io.jenkins.plugins.externalbuild.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.externalbuild.engine.ManualScheduler;
import io.jenkins.plugins.externalbuild.engine.RestartLedger;
import io.jenkins.plugins.externalbuild.engine.WaitPolicy;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderRegistry;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link StepServices} for offline execution tests: one fake controller's clock and manual io queue, a real HTTP
 * client, the credential {@code gitlab-token} ({@link FakeGitLab#TOKEN}), and the given replay guard.
 */
final class TestServices {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String CREDENTIALS_ID = "gitlab-token";

    private TestServices() {
    }

    static StepServices of(ManualScheduler clock, StepServices.StepLedgers ledgers, boolean controllerAws,
                           Consumer<String> recorded) {
        HttpTransport.Settings s = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1024 * 1024, 0, Duration.ofMillis(500));
        ProviderContext http = new ProviderContext(HttpTransport.clientBuilder(s).build(), s, pause -> { },
                Clock.fixed(T0, ZoneOffset.UTC));
        return new StepServices(ProviderRegistry.standard(), http, clock, clock.io(), () -> 0.5, ledgers,
                (id, run, serverUrl) -> {
                    if (id == null) {
                        return ProviderCredentials.none();
                    }
                    if (!id.equals(CREDENTIALS_ID)) {
                        throw new AbortException("No credentials with id '" + id + "' are visible to this job");
                    }
                    return ProviderCredentials.token(Token.of(FakeGitLab.TOKEN));
                },
                () -> controllerAws,
                (run, key, state) -> recorded.accept(state.toJson()),
                List::of,
                minutes -> WaitPolicy.defaults().withTimeout(Duration.ofMinutes(minutes == 0 ? 120 : minutes)));
    }

    /** Runs the fake controller until {@code condition} holds (at most 1000 steps). */
    static void runUntil(ManualScheduler clock, java.util.function.BooleanSupplier condition) {
        for (int i = 0; !condition.getAsBoolean(); i++) {
            if (i > 1000 || !clock.step()) {
                throw new AssertionError("the condition never held; the loop is " + (clock.idle() ? "idle" : "busy"));
            }
        }
    }

    static StepServices of(ManualScheduler clock, Consumer<String> recorded) {
        return of(clock, (run, key) -> RestartLedger.none(), false, recorded);
    }

    /** What the Pipeline keeps of an execution across a restart: its saved fields, serialized. */
    static byte[] pickle(ExternalBuildExecution.Saved saved) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(saved);
        }
        return bytes.toByteArray();
    }

    static ExternalBuildExecution.Saved unpickle(byte[] bytes) throws java.io.IOException, ClassNotFoundException {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return (ExternalBuildExecution.Saved) in.readObject();
        }
    }
}
