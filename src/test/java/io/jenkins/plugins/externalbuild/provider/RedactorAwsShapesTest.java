package io.jenkins.plugins.externalbuild.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The AWS shapes the Redactor masks whatever their value: SigV4 headers, presigned URLs, security tokens. */
class RedactorAwsShapesTest {

    private static final String SIGNATURE = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEtoken0123456789";
    private final Redactor redactor = Redactor.shapesOnly();

    @Test
    void sigV4AuthorizationValueLosesCredentialAndSignature() {
        String text = redactor.redact("Authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
                + "codebuild/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=" + SIGNATURE);

        assertThat(text).doesNotContain("AKIDEXAMPLE").doesNotContain(SIGNATURE)
                .contains("Credential=" + Token.MASK).contains("Signature=" + Token.MASK)
                .contains("SignedHeaders=content-type;host;x-amz-date");
    }

    @Test
    void securityTokenIsMaskedAsHeaderLineInlineAndAsQueryParameter() {
        assertThat(redactor.redact("X-Amz-Security-Token: " + TOKEN)).isEqualTo("X-Amz-Security-Token: " + Token.MASK);
        assertThat(redactor.redact("headers {X-Amz-Security-Token=" + TOKEN + ", X-Amz-Date=20261124T120000Z}"))
                .doesNotContain(TOKEN).contains("X-Amz-Date=20261124T120000Z");
        assertThat(redactor.redact("canonical: x-amz-security-token:" + TOKEN + "\nx-amz-target:CodeBuild_20161006.StopBuild"))
                .doesNotContain(TOKEN).contains("x-amz-target:CodeBuild_20161006.StopBuild");
        assertThat(redactor.redact("{\"X-Amz-Security-Token\": \"" + TOKEN + "\"}")).doesNotContain(TOKEN);
    }

    @Test
    void presignedUrlLosesCredentialSignatureAndToken() {
        HttpUrl url = HttpUrl.get("https://codebuild.us-east-1.amazonaws.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20261124%2Fus-east-1%2Fcodebuild%2Faws4_request"
                + "&X-Amz-Security-Token=" + TOKEN + "&X-Amz-Signature=" + SIGNATURE);

        assertThat(redactor.redact(url)).doesNotContain("AKIDEXAMPLE").doesNotContain(TOKEN).doesNotContain(SIGNATURE)
                .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256");
    }

    @Test
    void signedHeadersPrintMasked() {
        Headers headers = Headers.of("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x, Signature=" + SIGNATURE,
                "X-Amz-Security-Token", TOKEN, "X-Amz-Target", "CodeBuild_20161006.BatchGetBuilds");

        assertThat(redactor.redact(headers)).doesNotContain("AKIDEXAMPLE").doesNotContain(TOKEN).doesNotContain(SIGNATURE)
                .contains("X-Amz-Target: CodeBuild_20161006.BatchGetBuilds");
    }

    @Test
    void awsCredentialsRegisterKeyIdSecretAndSessionToken() {
        ProviderCredentials.Aws aws = ProviderCredentials.Aws.keys("AKIDEXAMPLE0000TEST1", Token.of("secretKEY/abc+123"),
                Token.of(TOKEN), null);

        String text = Redactor.of(aws.secrets()).redact("id AKIDEXAMPLE0000TEST1 key secretKEY/abc+123 token " + TOKEN);

        assertThat(text).isEqualTo("id ██ key ██ token ██");
        assertThat(Redactor.of(List.of()).redact("nothing secret")).isEqualTo("nothing secret");
    }
}
