package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's smaller pieces: a secret with a control character is refused without its value; the redactor knows
 * each secret's encodings and the Basic pair of a user and password; credentials never leave over plain http to a
 * host other than loopback unless allowed.
 */
class SecretInputTest {

    private static final String SECRET = "glpat-Ab/Cd+Ef=Gh\"Ij\\Kl";

    @Test
    void aSecretWithAControlCharacterIsRefusedWithoutItsValue() {
        for (String bad : List.of("glpat-Line1\nline2", "glpat-\u0000x", "glpat-\u0085x", "glpat-a\tb")) {
            assertThatThrownBy(() -> Token.of(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the secret has a control character").hasMessageNotContaining("glpat");
        }
        assertThat(Token.of("  glpat-ok\r\n").reveal()).isEqualTo("glpat-ok");
    }

    @Test
    void everyEncodingOfAKnownSecretIsRedacted() {
        Redactor r = Redactor.of(List.of(Token.of(SECRET)));
        String b64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
        String colon = Base64.getEncoder().encodeToString((":" + SECRET).getBytes(StandardCharsets.UTF_8));
        String json = SECRET.replace("\\", "\\\\").replace("\"", "\\\"");
        String okhttp = HttpUrl.get("http://h/").newBuilder().addQueryParameter("k", SECRET).build().encodedQuery()
                .substring(2);
        for (String form : List.of(SECRET, URLEncoder.encode(SECRET, StandardCharsets.UTF_8), okhttp, json,
                json.replace("/", "\\/"), b64, b64.replaceAll("=+$", ""), colon)) {
            assertThat(r.redact("the server said <" + form + ">")).as(form).isEqualTo("the server said <██>");
        }
    }

    @Test
    void aUserAndPasswordAreRedactedAsTheirBasicPair() {
        ProviderCredentials c = new ProviderCredentials.UsernamePassword("ci@example.com", Token.of("pw-0123456789"));
        String basic = okhttp3.Credentials.basic("ci@example.com", "pw-0123456789", StandardCharsets.UTF_8);

        assertThat(Redactor.of(c.secrets()).redact("echo: " + basic.substring("Basic ".length())))
                .isEqualTo("echo: ██");
    }

    @Test
    void loopbackIsOnlyLocalhostAnd127AndTheIpv6Loopback() {
        for (String h : List.of("localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]")) {
            assertThat(CleartextGuard.isLoopback(h)).as(h).isTrue();
        }
        for (String h : List.of("127.0.0.1.example.com", "localhost.example.com", "10.0.0.1", "gitlab.example.com",
                "128.0.0.1", "::2")) {
            assertThat(CleartextGuard.isLoopback(h)).as(h).isFalse();
        }
    }

    @Test
    void credentialsOverPlainHttpAreRefusedBeforeAnyConnectionUnlessAllowed() {
        HttpTransport.Settings settings = HttpTransport.Settings.defaults();
        OkHttpClient client = HttpTransport.clientBuilder(settings).build();
        ProviderContext context = new ProviderContext(client, settings, d -> { }, java.time.Clock.systemUTC());
        Request withToken = new Request.Builder().url("http://192.0.2.1:9/api/v4/jobs/8?api_key=" + SECRET)
                .header("PRIVATE-TOKEN", "glpat-x").build();

        assertThatThrownBy(() -> context.client().newCall(withToken).execute())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Refusing to send credentials over plain http to http://192.0.2.1:9/api/v4/jobs/8")
                .hasMessageNotContaining(SECRET);
        assertThat(context.allowingCleartext().client().interceptors()).noneMatch(i -> i instanceof CleartextGuard);
        assertThat(context.client().interceptors()).anyMatch(i -> i instanceof CleartextGuard);
    }
}
