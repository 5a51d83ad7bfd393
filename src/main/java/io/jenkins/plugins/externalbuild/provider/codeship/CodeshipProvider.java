package io.jenkins.plugins.externalbuild.provider.codeship;

import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.RateBudget;
import io.jenkins.plugins.externalbuild.provider.HttpTransport;
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
import java.util.EnumSet;

/**
 * Codeship builds through API v2 or the Basic API v1. The credentials choose the API: a user name (email) and
 * password select API v2 ({@link CodeshipV2Api}), an API key the Basic API v1 ({@link CodeshipV1Api}). Option
 * {@code apiVersion} ({@code 2} or {@code 1}) may say the same; it is refused when it contradicts the credentials.
 *
 * <p>A restart runs the whole build again (mode {@code all}, the only one): on a Basic project under the same id as
 * the next attempt, on a Pro project as a new build. A running build is refused (Codeship would ignore the restart).
 * Cancel ({@code stop}) exists in API v2 only.
 */
public final class CodeshipProvider implements Provider {

    static final String API_VERSION = "apiVersion";

    private final CodeshipProviderType type;
    private final CodeshipApi api;
    private final RateBudget budget;

    CodeshipProvider(CodeshipProviderType type, ConnectionSettings settings, ProviderContext context) {
        this.type = type;
        ProviderCredentials credentials = settings.credentials();
        String wanted = settings.option(API_VERSION, "").trim().replaceFirst("^[vV]", "");
        if (!wanted.isEmpty() && !wanted.equals("1") && !wanted.equals("2")) {
            throw new IllegalArgumentException("Codeship apiVersion must be 2 or 1, got '" + wanted + "'");
        }
        // Codeship: 60 requests a minute per account, signalled only by a 403 once exceeded.
        HttpTransport transport = context.transport(CodeshipProviderType.ID, "Codeship", settings, 1.0);
        this.budget = transport.budget();
        CodeshipHttp http = new CodeshipHttp(transport);
        RestartGrace grace = new RestartGrace(context.clock());
        if (credentials instanceof ProviderCredentials.UsernamePassword up && !wanted.equals("1")) {
            var base = CodeshipApi.base(settings.apiBase(), CodeshipV2Api.DEFAULT_BASE);
            this.api = new CodeshipV2Api(http, base, new CodeshipSession(http, base, up, context.clock()), context.pause(),
                    grace);
        } else if (credentials instanceof ProviderCredentials.TokenCredentials key && !wanted.equals("2")) {
            this.api = new CodeshipV1Api(http, CodeshipApi.base(settings.apiBase(), CodeshipV1Api.DEFAULT_BASE), key.token(),
                    grace);
        } else if (credentials instanceof ProviderCredentials.None) {
            throw new IllegalArgumentException("Codeship needs credentials: for API v2 the email and password of a user "
                    + "without two-factor authentication (a machine user), for the Basic API v1 the account's API key");
        } else {
            throw new IllegalArgumentException("Codeship apiVersion " + wanted + " does not fit the credentials: API v2 "
                    + "authenticates with a user name and password, the Basic API v1 with an API key");
        }
    }

    @Override
    public PollSource pollSource() {
        return PollSource.single(budget.name(), this::status, budget);
    }

    @Override
    public ProviderType type() {
        return type;
    }

    /** 2 or 1: which Codeship API this connection speaks. */
    public int apiVersion() {
        return api.version();
    }

    @Override
    public Capabilities capabilities(BuildRef ref) {
        return new Capabilities(EnumSet.of(RestartMode.ALL), RestartMode.ALL, api.canCancel(), api.sameIdRestart(ref));
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        check(ref);
        return api.status(ref);
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws ProviderException {
        check(current.ref());
        capabilities(current.ref()).choose(mode, "Codeship", current.ref().kind());
        return api.restart(current);
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        check(ref);
        api.cancel(ref);
    }

    @Override
    public BuildRef latest(String server, String project, String branch) throws ProviderException {
        return latestBuild(project, branch);
    }

    /**
     * The newest build of a branch: API v2 looks at the project's 50 newest builds ({@code project} is
     * {@code ORG_UUID/PROJECT_UUID} or the project UUID), API v1 asks for the branch ({@code project} is the numeric id).
     */
    public BuildRef latestBuild(String project, String branch) throws ProviderException {
        if (project == null || project.isBlank() || branch == null || branch.isBlank()) {
            throw new IllegalArgumentException("Codeship latest build needs a project and a branch");
        }
        return api.latestBuild(CodeshipProviderType.DEFAULT_SERVER, project.trim(), branch.trim());
    }

    /**
     * Restarts the newest build of a branch, as codeship/scripts' {@code codeship_restart_build} did, and returns the
     * attempt to wait on; refused when that build is still running, {@link ProviderException.NotFound} when the branch
     * has no build.
     */
    public Attempt restartLatest(String project, String branch) throws ProviderException {
        return restart(Attempt.first(latestBuild(project, branch)), RestartMode.ALL);
    }

    private void check(BuildRef ref) {
        if (!CodeshipProviderType.ID.equals(ref.provider()) || !CodeshipProviderType.BUILD.equals(ref.kind())) {
            throw new IllegalArgumentException("not a Codeship build: " + ref.url());
        }
        api.check(ref);
    }
}
