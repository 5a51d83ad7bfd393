package io.jenkins.plugins.externalbuild.provider.codebuild;

import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.Redactor;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Turns {@link ProviderCredentials.Aws} into signing identities with the AWS SDK's credential providers:
 * explicit keys ({@link StaticCredentialsProvider}), a named profile ({@link ProfileCredentialsProvider}) or the
 * default chain ({@link DefaultCredentialsProvider}), and on top of any of them an assumed role
 * ({@link StsAssumeRoleCredentialsProvider}, which caches and refreshes the session).
 *
 * <p>The STS client is made at the first resolution, in the region of the first build asked about (any regional
 * STS endpoint issues credentials valid everywhere), and sends through the SDK's own HTTP client found on the class
 * path: url-connection-client in the offline build and CLI, apache-client (bundled by aws-java-sdk2-core) in Jenkins.
 * Thread-safe.
 */
final class AwsIdentitySource {

    static final String ROLE_SESSION_NAME = "external-build";

    private final ProviderCredentials.Aws config;
    private final URI stsEndpoint;
    private final Redactor redactor;
    private final String suppliedBy; // the host's credentials, when it supplied the provider
    private AwsCredentialsProvider provider; // guarded by this

    AwsIdentitySource(ProviderCredentials.Aws config, URI stsEndpoint, Redactor redactor) {
        this.config = Objects.requireNonNull(config, "config");
        this.stsEndpoint = stsEndpoint;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.suppliedBy = null;
    }

    private AwsIdentitySource(ProviderCredentials.AwsSupplied supplied, Redactor redactor) {
        this.config = ProviderCredentials.Aws.defaultChain(null, null); // unused: the provider is given
        this.stsEndpoint = null;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.suppliedBy = supplied.description();
        this.provider = supplied.provider();
    }

    /** Identities from the host's provider (it assumes roles and caches them itself), resolved at each signing. */
    static AwsIdentitySource supplied(ProviderCredentials.AwsSupplied supplied, Redactor redactor) {
        return new AwsIdentitySource(supplied, redactor);
    }

    /** The current identity to sign with; may call STS (blocking) when a role's session is due for refresh. */
    AwsCredentialsIdentity resolve(String region) throws ProviderException {
        try {
            return provider(region).resolveCredentials();
        } catch (AwsServiceException e) {
            throw classify(e);
        } catch (SdkClientException e) {
            String detail = excerpt(reasons(e.getMessage()));
            if (suppliedBy != null) {
                throw causedByIo(e)
                        ? new ProviderException.Transient(CodeBuildProviderType.ID, 0, "Could not resolve the AWS credentials '"
                                + suppliedBy + "': " + detail, null)
                        : new ProviderException.AuthError(CodeBuildProviderType.ID, 0, "Could not resolve the AWS "
                                + "credentials '" + suppliedBy + "': " + detail);
            }
            if (config.roleArn() != null && causedByIo(e)) {
                throw new ProviderException.Transient(CodeBuildProviderType.ID, 0, "Could not reach AWS STS to assume role "
                        + config.roleArn() + ": " + detail, null);
            }
            throw new ProviderException.AuthError(CodeBuildProviderType.ID, 0, "Found no usable AWS credentials ("
                    + describe() + "): " + detail + ". Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, "
                    + "or run where an instance or container role is available.");
        }
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The chain's message lists every provider's configuration first; the reasons come after " : [". */
    private static String reasons(String message) {
        if (message == null) {
            return "";
        }
        int at = message.indexOf(" : [");
        return at < 0 ? message : message.substring(at + 3);
    }

    private synchronized AwsCredentialsProvider provider(String region) {
        if (provider == null) {
            AwsCredentialsProvider base = base();
            provider = config.roleArn() == null ? base : assumeRole(base, region);
        }
        return provider;
    }

    private AwsCredentialsProvider base() {
        if (config.accessKeyId() != null) {
            String secret = config.secretAccessKey().reveal();
            return StaticCredentialsProvider.create(config.sessionToken() == null
                    ? AwsBasicCredentials.create(config.accessKeyId(), secret)
                    : AwsSessionCredentials.create(config.accessKeyId(), secret, config.sessionToken().reveal()));
        }
        if (config.profile() != null) {
            return ProfileCredentialsProvider.builder().profileName(config.profile()).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private AwsCredentialsProvider assumeRole(AwsCredentialsProvider base, String region) {
        var sts = StsClient.builder().region(Region.of(region)).credentialsProvider(base);
        if (stsEndpoint != null) {
            sts.endpointOverride(stsEndpoint);
        }
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts.build())
                .refreshRequest(r -> r.roleArn(config.roleArn()).roleSessionName(ROLE_SESSION_NAME))
                .staleTime(Duration.ofMinutes(1))
                .build();
    }

    private ProviderException classify(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        String text = "AWS STS answered " + e.statusCode() + (code == null ? "" : " " + code) + " when assuming "
                + (suppliedBy != null ? "the role of the AWS credentials '" + suppliedBy + "'" : "role " + config.roleArn())
                + (message == null ? "" : ": " + excerpt(message));
        if (e.isThrottlingException()) {
            return new ProviderException.RateLimited(CodeBuildProviderType.ID, e.statusCode(), text,
                    CodeBuildErrors.DEFAULT_THROTTLE_DELAY);
        }
        if (e.statusCode() >= 500) {
            return new ProviderException.Transient(CodeBuildProviderType.ID, e.statusCode(), text, null);
        }
        return new ProviderException.AuthError(CodeBuildProviderType.ID, e.statusCode(), text
                + ". Check that the base credentials may call sts:AssumeRole and that the role trusts them.");
    }

    private String describe() {
        String base = config.accessKeyId() != null ? "access keys" : config.profile() != null ? "profile " + config.profile()
                : "default chain";
        return config.roleArn() == null ? base : base + ", assuming role " + config.roleArn();
    }

    private String excerpt(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return redactor.redact(t.length() > 500 ? t.substring(0, 500) + "…" : t);
    }
}
