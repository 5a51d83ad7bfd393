package io.jenkins.plugins.externalbuild.provider.codeship;

import io.jenkins.plugins.externalbuild.provider.ApiUrls;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import java.time.Instant;
import java.util.Optional;
import okhttp3.HttpUrl;

/** One of Codeship's two APIs behind {@link CodeshipProvider}: {@link CodeshipV2Api} or {@link CodeshipV1Api}. */
interface CodeshipApi {

    int version();

    /** Refuses a ref this API cannot address, before any request. */
    void check(BuildRef ref);

    BuildStatus status(BuildRef ref) throws ProviderException;

    /** Restarts a terminal build (refusing a running one before posting) and returns the attempt to wait on. */
    Attempt restart(Attempt current) throws ProviderException;

    void cancel(BuildRef ref) throws ProviderException;

    boolean canCancel();

    /** Whether a restart of this build keeps its id, as far as known without a request. */
    boolean sameIdRestart(BuildRef ref);

    /** The newest build of {@code branch} in {@code project}. */
    BuildRef latestBuild(String server, String project, String branch) throws ProviderException;

    /** The API base: the configured override, else the public one. */
    static HttpUrl base(java.net.URI override, String fallback) {
        String text = override != null ? override.toString() : fallback;
        return ApiUrls.base(text, "Codeship");
    }

    /** Codeship writes both {@code …Z} and {@code …+00:00}; anything else is treated as unknown. */
    static Optional<Instant> instant(String text) {
        return ApiUrls.time(text);
    }

    static String shortSha(String sha) {
        return sha == null ? "?" : sha.substring(0, Math.min(8, sha.length()));
    }
}
