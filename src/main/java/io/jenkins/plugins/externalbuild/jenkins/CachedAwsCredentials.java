package io.jenkins.plugins.externalbuild.jenkins;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A Jenkins "AWS Credentials" entry as the SDK provider CodeBuild signs with: resolved when a request is signed (on
 * the io pool, never on the CPS VM thread), and again every {@link #REFRESH}, so that an assumed role's session
 * keys (the plugin asks STS for them on each resolution; 15 min at the least, 1 h by default) are renewed during a
 * long wait instead of expiring. An entry with blank keys means "the controller's own AWS identity" to the plugin:
 * used only when an administrator allowed that ({@code allowControllerAwsCredentials}). Thread-safe.
 */
final class CachedAwsCredentials implements AwsCredentialsProvider {

    /** Well inside the shortest STS session (15 minutes). */
    static final Duration REFRESH = Duration.ofMinutes(10);

    private final AwsCredentialsProvider credential;
    private final String id;
    private final BooleanSupplier controllerIdentityAllowed;
    private final InstantSource clock;
    private AwsCredentials cached; // guarded by this
    private Instant resolvedAt; // guarded by this

    CachedAwsCredentials(AwsCredentialsProvider credential, String id, BooleanSupplier controllerIdentityAllowed,
                         InstantSource clock) {
        this.credential = credential;
        this.id = id;
        this.controllerIdentityAllowed = controllerIdentityAllowed;
        this.clock = clock;
    }

    @Override
    public synchronized AwsCredentials resolveCredentials() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(resolvedAt.plus(REFRESH))) {
            AwsCredentials fresh = credential.resolveCredentials();
            if (fresh == null) {
                if (!controllerIdentityAllowed.getAsBoolean()) {
                    throw SdkClientException.create("the AWS credentials '" + id + "' have no keys, which means the "
                            + "controller's own AWS identity; that is off (an administrator can allow it in Manage "
                            + "Jenkins → System → External builds)");
                }
                fresh = DefaultCredentialsProvider.builder().build().resolveCredentials();
            }
            cached = fresh;
            resolvedAt = now;
        }
        return cached;
    }

    @Override
    public String toString() {
        return "CachedAwsCredentials[" + id + "]";
    }
}
