package io.jenkins.plugins.externalbuild.provider.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Token;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * How AWS CodeBuild requests are signed: long-term keys, a user name and password as keys, an assumed role through
 * STS, and credentials that print no key material.
 */
class CodeBuildProviderCredentialsTest extends CodeBuildProviderHarness {

    // --- credentials ---

    @Test
    void longTermKeysSignWithoutASecurityToken() throws Exception {
        answer(200, fixture("batch-get-builds-in-progress.json"));

        provider(ProviderCredentials.Aws.keys(KEY_ID, Token.of(SECRET), null, null)).status(build(RUNNING));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/")
                .doesNotContain("x-amz-security-token");
        assertThat(request.getHeaders().get("X-Amz-Security-Token")).isNull();
    }

    @Test
    void sameRequestAtTheSameInstantIsSignedAlike() throws Exception {
        answer(200, fixture("batch-get-builds-in-progress.json"));
        answer(200, fixture("batch-get-builds-in-progress.json"));

        provider().status(build(RUNNING));
        provider().status(build(RUNNING));

        assertThat(take("BatchGetBuilds").getHeaders().get("Authorization"))
                .isEqualTo(take("BatchGetBuilds").getHeaders().get("Authorization"));
    }

    @Test
    void userNameAndPasswordAreTakenAsAccessKeyAndSecret() throws Exception {
        answer(200, fixture("batch-get-builds-in-progress.json"));

        provider(new ProviderCredentials.UsernamePassword(KEY_ID, Token.of(SECRET))).status(build(RUNNING));

        assertThat(server.takeRequest().getHeaders().get("Authorization")).contains("Credential=" + KEY_ID + "/");
    }

    @Test
    void aTokenIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider(ProviderCredentials.token(Token.of("glpat-abcdefgh"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS credentials");
    }

    @Test
    void assumedRoleSignsWithTheSessionFromStsAndRedactsIt() throws Exception {
        String roleSecret = "roleSecretKEY0123456789abcdefghijklmnopq";
        String roleToken = "IQoJb3JpZ2luX2VjEROLEsessionTOKEN0123456789";
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/xml")
                .body(StsFixtures.assumeRole("ASIAROLEEXAMPLE00001", roleSecret, roleToken)).build());
        server.enqueue(new MockResponse.Builder().code(400).body("{\"__type\":\"AccessDeniedException\",\"message\":"
                + "\"token " + roleToken + " secret " + roleSecret + " may not\"}").build());
        ConnectionSettings settings = new ConnectionSettings(server.url("/").uri(),
                ProviderCredentials.Aws.keys(KEY_ID, Token.of(SECRET), null, "arn:aws:iam::123456789012:role/demo"),
                Map.of("stsEndpoint", server.url("/").toString()));
        CodeBuildProvider provider = (CodeBuildProvider) new CodeBuildProviderType().connect(settings, context());

        assertThatThrownBy(() -> provider.status(build(RUNNING)))
                .isInstanceOf(ProviderException.AuthError.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(roleSecret).doesNotContain(roleToken)
                        .doesNotContain("ASIAROLEEXAMPLE00001"))
                .satisfies(this::assertTokenAbsent);

        RecordedRequest sts = server.takeRequest();
        assertThat(sts.getBody().utf8()).contains("Action=AssumeRole")
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo").contains("RoleSessionName=external-build");
        assertThat(sts.getHeaders().get("Authorization")).contains("Credential=" + KEY_ID + "/").contains("/sts/aws4_request");
        RecordedRequest call = server.takeRequest();
        assertThat(call.getHeaders().get("Authorization")).contains("Credential=ASIAROLEEXAMPLE00001/20261124/us-east-1/codebuild/");
        assertThat(call.getHeaders().get("X-Amz-Security-Token")).isEqualTo(roleToken);
    }

    @Test
    void missingProfileIsAnAuthErrorBeforeAnyRequest() {
        CodeBuildProvider provider = provider(ProviderCredentials.Aws.defaultChain("externalbuild-no-such-profile", null));

        assertThatThrownBy(() -> provider.status(build(RUNNING)))
                .isInstanceOf(ProviderException.AuthError.class)
                .hasMessageContaining("profile externalbuild-no-such-profile").hasMessageContaining("AWS_PROFILE");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void unreachableStsIsTransient() throws Exception {
        MockWebServer sts = new MockWebServer();
        sts.start();
        String closed = sts.url("/").toString();
        sts.close();
        ConnectionSettings settings = new ConnectionSettings(server.url("/").uri(),
                ProviderCredentials.Aws.keys(KEY_ID, Token.of(SECRET), null, "arn:aws:iam::123456789012:role/demo"),
                Map.of("stsEndpoint", closed));
        CodeBuildProvider provider = (CodeBuildProvider) new CodeBuildProviderType().connect(settings, context());

        assertThatThrownBy(() -> provider.status(build(RUNNING)))
                .isInstanceOf(ProviderException.Transient.class).hasMessageContaining("assume role")
                .satisfies(this::assertTokenAbsent);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void credentialsPrintNoKeyMaterial() {
        ProviderCredentials.Aws aws = ProviderCredentials.Aws.keys(KEY_ID, Token.of(SECRET), Token.of(SESSION),
                "arn:aws:iam::123456789012:role/demo");

        assertThat(aws.toString()).doesNotContain(KEY_ID).doesNotContain(SECRET).doesNotContain(SESSION)
                .contains("arn:aws:iam::123456789012:role/demo");
        assertThat(aws.secrets()).extracting(Token::reveal).containsExactlyInAnyOrder(KEY_ID, SECRET, SESSION);
        assertThat(new ConnectionSettings(null, aws, Map.of()).toString()).doesNotContain(KEY_ID).doesNotContain(SECRET);
        assertThat(ProviderCredentials.Aws.defaultChain("ci", null).toString()).isEqualTo("Aws[default chain, profile=ci]");
    }

    @Test
    void halfGivenKeysAreRefused() {
        assertThatThrownBy(() -> new ProviderCredentials.Aws(KEY_ID, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(KEY_ID);
        assertThatThrownBy(() -> new ProviderCredentials.Aws(null, null, Token.of(SESSION), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProviderCredentials.Aws(KEY_ID, Token.of(SECRET), null, null, "ci"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
