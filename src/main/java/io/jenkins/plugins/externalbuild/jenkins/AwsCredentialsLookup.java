package io.jenkins.plugins.externalbuild.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.Redactor;
import io.jenkins.plugins.externalbuild.provider.Token;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * "AWS Credentials" of the optional aws-credentials plugin, for CodeBuild. This is the only class that names its
 * types, and {@link CredentialsLookup} loads it only after checking that the plugin is installed, so the plugin
 * works without it (jenkins-api-surface.md trap T12).
 *
 * <p>The credential resolves itself through the AWS SDK v2 {@code AwsCredentialsProvider} it extends: its access
 * keys, or — when it names an IAM role — temporary keys of that role from STS (the plugin makes that call, for
 * the credential's configured session duration, default 1 h). They are resolved when the step starts and again
 * when it resumes after a restart; a wait that outlives the role session fails with an authentication error.
 * For longer waits, use plain keys (or a Username with password holding them) and let CodeBuild's own role
 * handling refresh them.
 */
final class AwsCredentialsLookup {

    private AwsCredentialsLookup() {
    }

    /** Matches AWS credentials, for the credentials drop-down. */
    static CredentialsMatcher matcher() {
        return CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class);
    }

    /** {@code c} as CodeBuild credentials, or null when it is not an AWS credential. */
    static ProviderCredentials map(StandardCredentials c) throws AbortException {
        if (!(c instanceof AmazonWebServicesCredentials aws)) {
            return null;
        }
        AwsCredentials resolved;
        try {
            resolved = aws.resolveCredentials();
        } catch (SdkException e) {
            // The SDK's message may quote a request; redact shapes before it reaches the build log.
            throw new AbortException("Could not resolve the AWS credentials '" + c.getId() + "': "
                    + Redactor.shapesOnly().redact(String.valueOf(e.getMessage())));
        }
        return fromSdk(resolved);
    }

    /**
     * Resolved SDK credentials as ours: session credentials keep their token; none (a credential with blank keys,
     * which the plugin treats as "use the instance profile") means the AWS default credentials chain.
     */
    static ProviderCredentials.Aws fromSdk(AwsCredentials resolved) {
        if (resolved == null) {
            return ProviderCredentials.Aws.defaultChain(null, null);
        }
        Token session = resolved instanceof AwsSessionCredentials s ? Token.of(s.sessionToken()) : null;
        return ProviderCredentials.Aws.keys(resolved.accessKeyId(), Token.of(resolved.secretAccessKey()), session, null);
    }
}
