package io.jenkins.plugins.externalbuild.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * "AWS Credentials" of the optional aws-credentials plugin, for CodeBuild. This is the only class that names its
 * types, and {@link CredentialsLookup} loads it only after checking that the plugin is installed, so the plugin
 * works without it (jenkins-api-surface.md trap T12).
 *
 * <p>The credential resolves itself through the AWS SDK v2 {@code AwsCredentialsProvider} it extends: its access
 * keys, or — when it names an IAM role — temporary keys of that role from STS. It is handed to CodeBuild as that
 * provider ({@link CachedAwsCredentials}), not resolved here: the step starts on the CPS VM thread, and a wait may
 * outlive the role session. The keys are resolved when the first request is signed, on the io pool, and renewed.
 */
final class AwsCredentialsLookup {

    private AwsCredentialsLookup() {
    }

    /** Matches AWS credentials, for the credentials drop-down. */
    static CredentialsMatcher matcher() {
        return CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class);
    }

    /**
     * {@code c} as CodeBuild credentials, or null when it is not an AWS credential. Calls nothing on AWS.
     *
     * @param controllerIdentityAllowed read when a credential with blank keys resolves (the controller's identity)
     */
    static ProviderCredentials map(StandardCredentials c, BooleanSupplier controllerIdentityAllowed) {
        if (!(c instanceof AmazonWebServicesCredentials aws)) {
            return null;
        }
        return new ProviderCredentials.AwsSupplied(c.getId(),
                new CachedAwsCredentials(aws, c.getId(), controllerIdentityAllowed, Clock.systemUTC()));
    }
}
