package io.jenkins.plugins.externalbuild.provider.codebuild;

import static io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildLookup.isBatch;
import static io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildLookup.nonNull;
import static io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildLookup.what;

import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.RateBudget;
import java.util.HashMap;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.Capabilities;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.Build;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.BuildBatch;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.BuildBatchOutput;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.BuildGroup;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.BuildOutput;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.Id;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.Phase;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.RetryBuildBatchInput;
import io.jenkins.plugins.externalbuild.provider.codebuild.CodeBuildDtos.RetryBuildInput;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * AWS CodeBuild through its JSON API (see {@link CodeBuildApi}). Docs: the CodeBuild API Reference,
 * {@code API_BatchGetBuilds.html}, {@code API_RetryBuild.html}, {@code API_StopBuild.html},
 * {@code API_RetryBuildBatch.html}; shapes from the service model (fixture README).
 *
 * <ul>
 *   <li>Build: status {@code BatchGetBuilds}; restart (mode {@code all}) {@code RetryBuild}, which starts a
 *       <em>new</em> build, read from the answer's {@code build.id}; cancel {@code StopBuild}; failed jobs are the
 *       failed phases ({@code BUILD}, {@code INSTALL}…).</li>
 *   <li>Batch: status {@code BatchGetBuildBatches}; restart {@code RetryBuildBatch} with {@code RETRY_FAILED_BUILDS}
 *       (mode {@code failed}, default) or {@code RETRY_ALL_BUILDS} (mode {@code all}), which keeps the batch id;
 *       cancel {@code StopBuildBatch}; failed jobs are the failed build groups.</li>
 * </ul>
 * Retries carry an idempotency token derived from the build id and attempt number, so a replayed restart of the
 * same attempt (a resumed step, a re-sent request) does not start a second build. CodeBuild honours a token for
 * five minutes.
 *
 * <p>Options: {@code roleArn} (an IAM role to assume when the credentials name none) and {@code stsEndpoint}
 * (an STS endpoint override, for VPC endpoints and tests). The API base of {@link ConnectionSettings} overrides
 * the regional CodeBuild endpoint.
 */
public final class CodeBuildProvider implements Provider {

    /** BatchGetBuilds and BatchGetBuildBatches take at most this many ids. */
    public static final int MAX_IDS_PER_CALL = 100;
    static final String ROLE_ARN = "roleArn";
    static final String STS_ENDPOINT = "stsEndpoint";

    private static final Capabilities BUILD_CAPS = new Capabilities(EnumSet.of(RestartMode.ALL), RestartMode.ALL, true, false);
    private static final Capabilities BATCH_CAPS = new Capabilities(EnumSet.of(RestartMode.FAILED, RestartMode.ALL),
            RestartMode.FAILED, true, true);

    private final CodeBuildProviderType type;
    private final CodeBuildApi api;
    private final CodeBuildLookup lookup;
    private final RateBudget budget;

    CodeBuildProvider(CodeBuildProviderType type, ConnectionSettings settings, ProviderContext context) {
        this.type = type;
        ProviderCredentials.AwsSupplied supplied = settings.credentials() instanceof ProviderCredentials.AwsSupplied s
                ? s : null;
        ProviderCredentials.Aws aws = supplied != null ? null
                : awsCredentials(settings).withRoleIfAbsent(settings.option(ROLE_ARN, null));
        String sts = settings.option(STS_ENDPOINT, null);
        // AWS publishes no request rate for CodeBuild's API; 2 a second is a conservative ceiling, and a
        // ThrottlingException pauses the whole account.
        var http = context.transport(CodeBuildProviderType.ID, type.displayName(), supplied != null ? supplied : aws,
                settings.apiBase() == null ? "" : settings.apiBase().toString(), 2.0);
        this.budget = http.budget();
        AwsIdentitySource identities = supplied != null ? AwsIdentitySource.supplied(supplied, http.redactor())
                : new AwsIdentitySource(aws, sts == null || sts.isBlank() ? null : URI.create(sts.trim()), http.redactor());
        this.api = new CodeBuildApi(http, identities, settings.apiBase(), context.clock());
        this.lookup = new CodeBuildLookup(api);
    }

    /** Batched: one {@code BatchGetBuilds}/{@code BatchGetBuildBatches} reads up to 100 builds of the account. */
    @Override
    public PollSource pollSource() {
        return new PollSource(budget.name(), refs -> new HashMap<>(statuses(refs)), 100, budget);
    }

    /** AWS credentials; a user name and password are taken as access key id and secret access key. */
    private static ProviderCredentials.Aws awsCredentials(ConnectionSettings settings) {
        ProviderCredentials c = settings.credentials();
        if (c instanceof ProviderCredentials.Aws aws) {
            return aws;
        }
        if (c instanceof ProviderCredentials.None) {
            return ProviderCredentials.Aws.defaultChain(null, null);
        }
        if (c instanceof ProviderCredentials.UsernamePassword up) {
            return ProviderCredentials.Aws.keys(up.username(), up.password(), null, null);
        }
        throw new IllegalArgumentException("AWS CodeBuild signs requests with AWS credentials (an access key id and secret "
                + "access key, a profile, or the default chain), not a token");
    }

    @Override
    public ProviderType type() {
        return type;
    }

    @Override
    public Capabilities capabilities(BuildRef ref) {
        return isBatch(ref) ? BATCH_CAPS : BUILD_CAPS;
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        check(ref);
        if (isBatch(ref)) {
            BuildBatch b = lookup.batch(ref);
            return CodeBuildStatusMapping.batch(b.buildBatchStatus(), b.currentPhase());
        }
        Build b = lookup.build(ref);
        return CodeBuildStatusMapping.build(b.buildStatus(), b.currentPhase());
    }

    /**
     * The statuses of many builds and batches in as few calls as CodeBuild allows: one {@code BatchGetBuilds} or
     * {@code BatchGetBuildBatches} per region and {@value #MAX_IDS_PER_CALL} ids. Builds CodeBuild did not find
     * are absent from the answer (the single {@link #status} throws {@link ProviderException.NotFound} for them).
     *
     * @return in the order of {@code refs}
     */
    public Map<BuildRef, BuildStatus> statuses(List<BuildRef> refs) throws ProviderException {
        for (BuildRef ref : refs) {
            check(ref);
        }
        return lookup.statuses(refs);
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws ProviderException {
        BuildRef ref = current.ref();
        check(ref);
        RestartMode chosen = capabilities(ref).choose(mode, type.displayName(), ref.kind());
        String token = idempotencyToken(ref, current.number());
        if (isBatch(ref)) {
            String retryType = chosen == RestartMode.ALL ? "RETRY_ALL_BUILDS" : "RETRY_FAILED_BUILDS";
            BuildBatchOutput out = api.call(ref.server(), "RetryBuildBatch", new RetryBuildBatchInput(ref.id(), token, retryType),
                    BuildBatchOutput.class, what(ref));
            String id = out.buildBatch() == null || out.buildBatch().id() == null ? ref.id() : out.buildBatch().id();
            return current.next(id.equals(ref.id()) ? ref : type.fromCoordinates(ref.server(), null, ref.kind(), id));
        }
        BuildOutput out = api.call(ref.server(), "RetryBuild", new RetryBuildInput(ref.id(), token), BuildOutput.class, what(ref));
        if (out.build() == null || out.build().id() == null || out.build().id().isBlank()) {
            throw new ProviderException.BadResponse(CodeBuildProviderType.ID, 200, "AWS CodeBuild accepted RetryBuild for "
                    + what(ref) + " but named no new build", null);
        }
        return current.next(type.fromCoordinates(ref.server(), null, CodeBuildProviderType.BUILD, out.build().id()));
    }

    /**
     * The idempotency token of the restart of attempt {@code number}: the same for the same build and attempt, so
     * that CodeBuild answers a replay with the build it already started instead of a second one.
     */
    static String idempotencyToken(BuildRef ref, int number) {
        String key = "external-build " + ref.kind() + " " + ref.server() + " " + ref.id() + " attempt " + number;
        return "externalbuild-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stops the build. StopBuild on a build that already ended is refused (UNVERIFIED how); then we read the
     * build again and, if it has indeed ended, there is nothing to cancel.
     */
    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        check(ref);
        try {
            if (isBatch(ref)) {
                api.call(ref.server(), "StopBuildBatch", new Id(ref.id()), BuildBatchOutput.class, what(ref));
            } else {
                api.call(ref.server(), "StopBuild", new Id(ref.id()), BuildOutput.class, what(ref));
            }
        } catch (ProviderException.NotRestartable e) {
            if (!status(ref).terminal()) {
                throw e;
            }
        }
    }

    @Override
    public List<String> failedJobs(BuildRef ref) throws ProviderException {
        check(ref);
        List<String> names = new ArrayList<>();
        if (isBatch(ref)) {
            for (BuildGroup g : nonNull(lookup.batch(ref).buildGroups())) {
                if (g.identifier() != null && !Boolean.TRUE.equals(g.ignoreFailure()) && g.currentBuildSummary() != null
                        && CodeBuildStatusMapping.failed(g.currentBuildSummary().buildStatus())) {
                    names.add(g.identifier());
                }
            }
            return names;
        }
        for (Phase p : nonNull(lookup.build(ref).phases())) {
            if (p.phaseType() != null && CodeBuildStatusMapping.failed(p.phaseStatus())) {
                names.add(p.phaseType());
            }
        }
        return names;
    }

    private void check(BuildRef ref) {
        if (!CodeBuildProviderType.ID.equals(ref.provider())) {
            throw new IllegalArgumentException("not an AWS CodeBuild build: " + ref.url());
        }
    }
}
