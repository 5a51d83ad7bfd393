package io.jenkins.plugins.externalbuild.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
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

    private static AmazonWebServicesCredentials credential(AwsCredentials resolves) {
        return credential("aws-deployer", () -> resolves);
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
        StandardCredentials token = (StandardCredentials) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StandardCredentials.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> "not-aws";
                    case "getDescription" -> "a token";
                    default -> throw new UnsupportedOperationException(method.getName());
                });

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
        AmazonWebServicesCredentials failing = credential("aws-role", () -> {
            throw SdkClientException.create("Unable to assume role: https://sts.amazonaws.com/?Action=AssumeRole"
                    + "&X-Amz-Security-Token=" + SESSION);
        });

        assertThatThrownBy(() -> AwsCredentialsLookup.map(failing)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("Could not resolve the AWS credentials 'aws-role': Unable to assume role")
                .hasMessageNotContaining(SESSION);
    }
}
