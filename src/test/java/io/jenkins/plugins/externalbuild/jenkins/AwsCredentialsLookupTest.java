package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import hudson.AbortException;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/** How aws-credentials' "AWS Credentials" become CodeBuild credentials (the plugin itself is release-build only). */
class AwsCredentialsLookupTest {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String SESSION = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

    /** An AWS credential as the plugin hands it out: it resolves itself (assuming its role, if it names one). */
    private static AmazonWebServicesCredentials credential(AwsCredentials resolves) {
        return new AmazonWebServicesCredentials() {
            @Override
            public AwsCredentials resolveCredentials() {
                return resolves;
            }

            @Override
            public String getDescription() {
                return "CodeBuild deployer";
            }

            @Override
            public String getId() {
                return "aws-deployer";
            }
        };
    }

    @Test
    void accessKeysBecomeExplicitKeys() throws Exception {
        ProviderCredentials c = AwsCredentialsLookup.map(credential(AwsBasicCredentials.create(KEY_ID, SECRET)));

        ProviderCredentials.Aws aws = (ProviderCredentials.Aws) c;
        assertThat(aws.accessKeyId()).isEqualTo(KEY_ID);
        assertThat(aws.secretAccessKey().reveal()).isEqualTo(SECRET);
        assertThat(aws.sessionToken()).isNull();
        assertThat(aws.roleArn()).as("the plugin already assumed its role").isNull();
    }

    @Test
    void anAssumedRoleKeepsItsSessionToken() throws Exception {
        ProviderCredentials.Aws aws = (ProviderCredentials.Aws) AwsCredentialsLookup.map(
                credential(AwsSessionCredentials.create("ASIAEXAMPLE", SECRET, SESSION)));

        assertThat(aws.accessKeyId()).isEqualTo("ASIAEXAMPLE");
        assertThat(aws.sessionToken().reveal()).isEqualTo(SESSION);
    }

    @Test
    void blankKeysMeanTheDefaultChain() throws Exception {
        ProviderCredentials.Aws aws = (ProviderCredentials.Aws) AwsCredentialsLookup.map(credential(null));

        assertThat(aws.accessKeyId()).isNull();
        assertThat(aws.profile()).isNull();
    }

    @Test
    void otherCredentialsAreNotMapped() throws Exception {
        com.cloudbees.plugins.credentials.common.StandardCredentials token =
                new com.cloudbees.plugins.credentials.common.StandardCredentials() {
                    @Override
                    public String getDescription() {
                        return "a token";
                    }

                    @Override
                    public String getId() {
                        return "not-aws";
                    }
                };

        assertThat(AwsCredentialsLookup.map(token)).isNull();
    }

    @Test
    void nothingSecretIsPrinted() throws Exception {
        ProviderCredentials c = AwsCredentialsLookup.map(
                credential(AwsSessionCredentials.create(KEY_ID, SECRET, SESSION)));

        assertThat(c.toString()).doesNotContain(KEY_ID).doesNotContain(SECRET).doesNotContain(SESSION);
        assertThat(c.secrets()).extracting(t -> t.reveal()).contains(KEY_ID, SECRET, SESSION);
    }

    @Test
    void aFailedRoleAssumptionIsOneLineWithoutSecrets() {
        AmazonWebServicesCredentials failing = new AmazonWebServicesCredentials() {
            @Override
            public AwsCredentials resolveCredentials() {
                throw SdkClientException.create("Unable to assume role: https://sts.amazonaws.com/?Action=AssumeRole"
                        + "&X-Amz-Security-Token=" + SESSION);
            }

            @Override
            public String getDescription() {
                return "";
            }

            @Override
            public String getId() {
                return "aws-role";
            }
        };

        assertThatThrownBy(() -> AwsCredentialsLookup.map(failing)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("Could not resolve the AWS credentials 'aws-role': Unable to assume role")
                .hasMessageNotContaining(SESSION);
    }
}
