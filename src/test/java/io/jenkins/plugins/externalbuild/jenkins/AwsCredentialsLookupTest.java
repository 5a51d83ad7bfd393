package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildProviderType;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * How aws-credentials' "AWS Credentials" reach CodeBuild (the plugin itself is release-build only): handed over as a
 * provider, not resolved when the step starts; resolved when a request is signed, and renewed.
 */
class AwsCredentialsLookupTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String SESSION = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @StartStop
    final MockWebServer server = new MockWebServer();

    /**
     * An AWS credential as the plugin hands it out: it resolves itself (assuming its role, if it names one). A
     * dynamic proxy, not an anonymous class: the real interface also has AWS SDK v1 members, which the offline
     * build cannot name.
     */
    private static AmazonWebServicesCredentials credential(String id, Supplier<AwsCredentials> resolves) {
        return (AmazonWebServicesCredentials) Proxy.newProxyInstance(AwsCredentialsLookupTest.class.getClassLoader(),
                new Class<?>[] {AmazonWebServicesCredentials.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "resolveCredentials" -> resolves.get();
                    case "getId" -> id;
                    case "getDescription", "getDisplayName" -> "CodeBuild deployer";
                    case "toString" -> "credential " + id;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A role credential: new session keys from "STS" on each resolution, counted. */
    private static AmazonWebServicesCredentials role(AtomicInteger assumed) {
        return credential("aws-role", () -> {
            int n = assumed.incrementAndGet();
            return AwsSessionCredentials.create("ASIAEXAMPLE" + n, SECRET, SESSION + n);
        });
    }

    @Test
    void mappingCallsNothingOnAws() {
        AtomicInteger assumed = new AtomicInteger();

        ProviderCredentials c = AwsCredentialsLookup.map(role(assumed), () -> false);

        assertThat(c).isInstanceOf(ProviderCredentials.AwsSupplied.class);
        assertThat(assumed).as("not resolved on the CPS VM thread").hasValue(0);
        assertThat(c.toString()).isEqualTo("AwsSupplied[aws-role]");
    }

    @Test
    void roleKeysAreCachedAndRenewedBeforeTheSessionEnds() {
        AtomicInteger assumed = new AtomicInteger();
        Instant[] now = {T0};
        CachedAwsCredentials cached = new CachedAwsCredentials(role(assumed), "aws-role", () -> false, () -> now[0]);

        assertThat(cached.resolveCredentials().accessKeyId()).isEqualTo("ASIAEXAMPLE1");
        now[0] = T0.plus(Duration.ofMinutes(9));
        assertThat(cached.resolveCredentials().accessKeyId()).isEqualTo("ASIAEXAMPLE1");
        assertThat(assumed).hasValue(1);
        now[0] = T0.plus(CachedAwsCredentials.REFRESH);
        assertThat(cached.resolveCredentials().accessKeyId()).as("renewed").isEqualTo("ASIAEXAMPLE2");
        now[0] = T0.plus(Duration.ofHours(2));
        assertThat(cached.resolveCredentials().accessKeyId()).as("a wait longer than the session").isEqualTo("ASIAEXAMPLE3");
    }

    @Test
    void blankKeysMeanTheControllerIdentityWhichIsOffByDefault() {
        CachedAwsCredentials cached = new CachedAwsCredentials(credential("aws-blank", () -> null), "aws-blank",
                () -> false, Clock.systemUTC());

        assertThatThrownBy(cached::resolveCredentials).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("'aws-blank' have no keys").hasMessageContaining("that is off");
    }

    @Test
    void otherCredentialsAreNotMapped() {
        StandardCredentials token = (StandardCredentials) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StandardCredentials.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> "not-aws";
                    case "getDescription" -> "a token";
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        assertThat(AwsCredentialsLookup.map(token, () -> false)).isNull();
    }

    private io.jenkins.plugins.externalbuild.provider.Provider codeBuild(ProviderCredentials credentials) {
        HttpTransport.Settings settings = new HttpTransport.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024 * 1024, 0, Duration.ofMillis(1));
        ProviderContext context = new ProviderContext(HttpTransport.clientBuilder(settings).build(), settings, d -> { },
                Clock.systemUTC());
        return new CodeBuildProviderType().connect(new ConnectionSettings(server.url("/").uri(), credentials, Map.of()),
                context);
    }

    @Test
    void codeBuildSignsWithTheKeysResolvedWhenItSends() throws Exception {
        String id = "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e02";
        String body;
        try (InputStream in = getClass().getResourceAsStream(
                "/io/jenkins/plugins/externalbuild/provider/codebuild/CodeBuildProviderTest/batch-get-builds-succeeded.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-amz-json-1.1")
                .body(body).build());
        AtomicInteger assumed = new AtomicInteger();
        var provider = codeBuild(AwsCredentialsLookup.map(role(assumed), () -> false));
        assertThat(assumed).as("connecting resolves nothing").hasValue(0);

        BuildStatus status = provider.status(new CodeBuildProviderType().fromCoordinates("us-east-1", null, "build", id));

        assertThat(status.state()).isEqualTo(BuildStatus.State.SUCCESS);
        assertThat(assumed).hasValue(1);
        var request = server.takeRequest();
        assertThat(request.getHeaders().get("Authorization")).contains("Credential=ASIAEXAMPLE1/");
        assertThat(request.getHeaders().get("X-Amz-Security-Token")).isEqualTo(SESSION + "1");
    }

    @Test
    void aFailedRoleAssumptionIsOneLineWithoutSecrets() {
        var provider = codeBuild(AwsCredentialsLookup.map(credential("aws-role", () -> {
            throw SdkClientException.create("Unable to assume role: https://sts.amazonaws.com/?Action=AssumeRole"
                    + "&X-Amz-Security-Token=" + SESSION);
        }), () -> false));

        assertThatThrownBy(() -> provider.status(new CodeBuildProviderType().fromCoordinates("us-east-1", null, "build",
                "externalbuild-demo:7c1f3a52-9b4e-4d2a-8f61-0a1b2c3d4e02")))
                .isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("Could not resolve the AWS credentials 'aws-role': Unable to assume role")
                .hasMessageNotContaining(SESSION);
        assertThat(server.getRequestCount()).as("nothing sent unsigned").isZero();
    }

    @Test
    void nothingSecretIsPrinted() {
        ProviderCredentials c = AwsCredentialsLookup.map(credential("aws-deployer",
                () -> AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET)), () -> false);

        assertThat(c.toString()).doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain(SECRET);
    }
}
