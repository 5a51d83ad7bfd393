package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the provider contract tests against a mock server share: the server, the log capture, the recorded retry
 * pauses, and the assertions that a request was sent and that no secret shows.
 */
public abstract class MockServerHarness {

    @StartStop
    protected final MockWebServer server = new MockWebServer();

    @RegisterExtension
    protected final LogCapture logs = new LogCapture();

    protected final List<Duration> pauses = new ArrayList<>();

    private final Clock clock;
    private final List<String> secrets;

    /** @param secrets what must never show in an error, its stack trace or a log record */
    protected MockServerHarness(String... secrets) {
        this(Clock.systemUTC(), secrets);
    }

    /**
     * @param clock the clock the provider reads
     * @param secrets what must never show in an error, its stack trace or a log record
     */
    protected MockServerHarness(Clock clock, String... secrets) {
        this.clock = clock;
        this.secrets = List.of(secrets);
    }

    /** The secrets that must never show in an error, its stack trace or a log record. */
    protected List<String> secrets() {
        return secrets;
    }

    /** The clock the provider reads; the system clock unless the test fixes one. */
    protected Clock clock() {
        return clock;
    }

    /** A context that records retry pauses in {@link #pauses} instead of sleeping. */
    protected ProviderContext context() {
        return ProviderTestSupport.context(pauses::add, clock());
    }

    /** Asserts that a request came within 5 s with this request line, and returns it. */
    protected RecordedRequest nextRequest(String method, String target) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a %s %s request", method, target).isNotNull();
        assertThat(request.getRequestLine()).isEqualTo(method + " " + target + " HTTP/1.1");
        return request;
    }

    /** An answer with this status, {@code Content-Type} and body. */
    protected static MockResponse answer(int code, String contentType, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", contentType).body(body).build();
    }

    /** No secret shows in the message, {@code toString()}, the stack trace or any log record. */
    protected void assertTokenAbsent(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String secret : secrets()) {
            assertThat(String.valueOf(e.getMessage())).doesNotContain(secret);
            assertThat(e.toString()).doesNotContain(secret);
            assertThat(trace.toString()).doesNotContain(secret);
            assertThat(logs.text()).doesNotContain(secret);
        }
    }

    /** Asserts that {@code call} throws {@code kind} without showing a secret, and returns the exception. */
    protected <T extends ProviderException> T caught(Class<T> kind, ThrowingCallable call) {
        T e = catchThrowableOfType(kind, call);
        assertThat(e).as("expected %s", kind.getSimpleName()).isNotNull();
        assertTokenAbsent(e);
        return e;
    }
}
