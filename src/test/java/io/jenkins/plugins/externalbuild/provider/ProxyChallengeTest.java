package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's credentials (the standard {@code http(s).proxyUser}/{@code http(s).proxyPassword} properties) go only
 * to a proxy that asks for them with a Basic challenge on the https tunnel's CONNECT, never to an origin server
 * answering 407 through a plain-http proxy, never in a scheme that was not asked for, and never into a message.
 * A {@link MockWebServer} plays the proxy.
 */
class ProxyChallengeTest {

    private static final String USER = "proxy-user";
    private static final String PASSWORD = "Pr0xy/Pass+word=\"x";
    private static final HttpTransport.Settings SETTINGS = new HttpTransport.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(5), 1024 * 1024, 0, Duration.ofMillis(1));

    @StartStop
    final MockWebServer proxy = new MockWebServer();

    @BeforeEach
    void proxyProperties() {
        for (String scheme : new String[] {"http", "https"}) {
            System.setProperty(scheme + ".proxyUser", USER);
            System.setProperty(scheme + ".proxyPassword", PASSWORD);
        }
    }

    @AfterEach
    void clearProperties() {
        for (String scheme : new String[] {"http", "https"}) {
            System.clearProperty(scheme + ".proxyUser");
            System.clearProperty(scheme + ".proxyPassword");
        }
    }

    private HttpTransport transport() {
        OkHttpClient client = HttpTransport.clientBuilder(SETTINGS)
                .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHostName(), proxy.getPort()))).build();
        ProviderContext context = new ProviderContext(client, SETTINGS, d -> { }, Clock.systemUTC());
        return context.transport("gitlab", "GitLab", ProviderCredentials.token(Token.of("glpat-ProxyTest0123")));
    }

    private static String basicPair() {
        return Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTunnelsBasicChallengeIsAnsweredOnceWithBasicAndTheFailureNamesNoSecret() throws Exception {
        MockResponse challenge = new MockResponse.Builder().code(407)
                .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"").body("send " + PASSWORD + " " + basicPair()).build();
        proxy.enqueue(challenge);
        proxy.enqueue(challenge);

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> transport().execute(new Request.Builder().url("https://gitlab.example.com/api/v4/jobs/8").build()));

        RecordedRequest first = proxy.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest second = proxy.takeRequest(1, TimeUnit.SECONDS);
        assertThat(first.getMethod()).isEqualTo("CONNECT");
        assertThat(first.getHeaders().get("Proxy-Authorization")).as("nothing before the proxy asks").isNull();
        assertThat(second.getMethod()).isEqualTo("CONNECT");
        assertThat(second.getHeaders().get("Proxy-Authorization")).isEqualTo("Basic " + basicPair());
        assertThat(proxy.takeRequest(200, TimeUnit.MILLISECONDS)).as("no third try").isNull();
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(basicPair());
    }

    @Test
    void aChallengeInAnotherSchemeGetsNoCredentials() throws Exception {
        proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Digest realm=\"corp\", nonce=\"1\"")
                .build());

        catchThrowableOfType(ProviderException.class,
                () -> transport().execute(new Request.Builder().url("https://gitlab.example.com/api/v4/jobs/8").build()));

        assertThat(proxy.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Proxy-Authorization")).isNull();
        assertThat(proxy.takeRequest(200, TimeUnit.MILLISECONDS)).as("no retry with Basic").isNull();
    }

    @Test
    void aPlainHttp407MayComeFromTheOriginAndGetsNoCredentials() throws Exception {
        proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"origin\"").build());

        HttpResponse r = transport().execute(new Request.Builder().url("http://localhost:9/api/v4/jobs/8").build());

        assertThat(r.code()).isEqualTo(407);
        RecordedRequest only = proxy.takeRequest(1, TimeUnit.SECONDS);
        assertThat(only.getHeaders().get("Proxy-Authorization")).isNull();
        assertThat(proxy.takeRequest(200, TimeUnit.MILLISECONDS)).as("no retry with the proxy password").isNull();
    }

    @Test
    void theProxyPasswordIsRedactedInEveryTransportsMessages() {
        Redactor r = transport().redactor();

        assertThat(r.redact("proxy said " + PASSWORD + " and " + basicPair()))
                .doesNotContain(PASSWORD).doesNotContain(basicPair());
    }

    @Test
    void theHostsProxyPasswordIsRedactedToo() {
        ProxyChallenge.hostSecrets(() -> ProxyChallenge.secrets("jenkins-proxy", "H0st/Proxy+Pass"));
        try {
            String pair = Base64.getEncoder().encodeToString("jenkins-proxy:H0st/Proxy+Pass".getBytes(StandardCharsets.UTF_8));
            assertThat(transport().redactor().redact("echo H0st/Proxy+Pass " + pair)).isEqualTo("echo ██ ██");
        } finally {
            ProxyChallenge.hostSecrets(java.util.List::of);
        }
    }
}
