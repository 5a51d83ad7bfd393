package io.jenkins.plugins.externalbuild.provider.jenkins;

import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.PollSource;
import io.jenkins.plugins.externalbuild.engine.RateBudget;
import io.jenkins.plugins.externalbuild.engine.RestartMode;
import io.jenkins.plugins.externalbuild.provider.ApiUrls;
import io.jenkins.plugins.externalbuild.provider.Capabilities;
import io.jenkins.plugins.externalbuild.provider.ConnectionSettings;
import io.jenkins.plugins.externalbuild.provider.HttpResponse;
import io.jenkins.plugins.externalbuild.provider.Provider;
import io.jenkins.plugins.externalbuild.provider.ProviderContext;
import io.jenkins.plugins.externalbuild.provider.ProviderCredentials;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.ProviderType;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.Build;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import okhttp3.HttpUrl;

/**
 * Another Jenkins controller, through its remote access API (core at {@code jenkins-2.541.3}; see {@link JenkinsApi}
 * for authentication and errors, {@link JenkinsRestarts} for the restart modes, {@link JenkinsSearch} for finding the
 * build a restart became).
 * <ul>
 *   <li>Status: {@code GET JOB/NUMBER/api/json?tree=…} ({@link JenkinsStatusMapping}); waits on several builds of one job
 *       share one {@code GET JOB/api/json?tree=builds[…]{0,50}} ({@link #pollSource()}).</li>
 *   <li>Restart, mode {@code all} (default) or {@code replay}: a new build, followed through its queue item.</li>
 *   <li>Cancel: {@code POST BUILD/stop} for a running build ({@code Run.doStop}, Job/Cancel); a queued restart
 *       {@code POST /queue/cancelItem?id=ID} ({@code Queue.doCancelItem}, 204).</li>
 * </ul>
 * Rate limits: Jenkins announces none. Every connection to one controller with one user shares a ceiling (option
 * {@code requestsPerSecond}, default {@value #DEFAULT_REQUESTS_PER_SECOND}); 429, and 503 with {@code Retry-After}
 * (reverse proxies, a controller starting up), are rate limits that pause the account's polls.
 */
public final class JenkinsProvider implements Provider {

    private static final Logger LOGGER = Logger.getLogger(JenkinsProvider.class.getName());
    static final double DEFAULT_REQUESTS_PER_SECOND = 10;
    static final String REQUESTS_PER_SECOND = "requestsPerSecond";
    /** Most builds one batched poll asks about (of any jobs; one request per job). */
    static final int MAX_BATCH = 20;
    private static final Capabilities CAPS = new Capabilities(EnumSet.of(RestartMode.ALL, RestartMode.REPLAY),
            RestartMode.ALL, true, false);

    private final JenkinsProviderType type;
    private final JenkinsReads reads;
    private final JenkinsRestarts restarts;
    private final JenkinsSearch search;
    private final RateBudget budget;

    JenkinsProvider(JenkinsProviderType type, ConnectionSettings settings, ProviderContext context) {
        this.type = type;
        ProviderCredentials credentials = settings.credentials();
        if (!(credentials instanceof ProviderCredentials.None || credentials instanceof ProviderCredentials.UsernamePassword)) {
            throw new IllegalArgumentException("Jenkins authenticates with a user name and an API token (JENKINS_USER and "
                    + "JENKINS_API_TOKEN, or a Username with password credential), not a token alone");
        }
        double ceiling = ceiling(settings.option(REQUESTS_PER_SECOND, String.valueOf(DEFAULT_REQUESTS_PER_SECOND)));
        HttpUrl override = settings.apiBase() == null ? null : ApiUrls.base(settings.apiBase().toString(), "Jenkins");
        var http = context.transport(JenkinsProviderType.ID, "Jenkins", credentials,
                override == null ? "" : override.toString(), ceiling);
        this.budget = http.budget();
        this.reads = new JenkinsReads(new JenkinsApi(http, credentials, override));
        this.restarts = new JenkinsRestarts(reads);
        this.search = new JenkinsSearch(reads);
    }

    private static double ceiling(String value) {
        try {
            double d = Double.parseDouble(value.trim());
            if (d > 0 && d <= 1000) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("Jenkins requests per second must be a number from 0.01 to 1000, got '" + value + "'");
    }

    @Override
    public ProviderType type() {
        return type;
    }

    @Override
    public Capabilities capabilities(BuildRef ref) {
        check(ref);
        return CAPS;
    }

    @Override
    public PollSource pollSource() {
        return new PollSource(budget.name(), this::statuses, MAX_BATCH, budget);
    }

    @Override
    public BuildStatus status(BuildRef ref) throws ProviderException {
        check(ref);
        if (isPending(ref)) {
            return search.status(PendingBuild.of(ref));
        }
        Build build = reads.build(ref, false);
        return reads.status(ref.server(), ref.project(), build);
    }

    /**
     * Batched status: builds of one job are read from one list of the job's newest builds; a build older than that
     * window, and every pending restart, on its own. Failures are per job (or per ref).
     */
    Map<BuildRef, Object> statuses(List<BuildRef> refs) {
        Map<BuildRef, Object> out = new HashMap<>();
        Map<String, List<BuildRef>> byJob = new LinkedHashMap<>();
        for (BuildRef ref : refs) {
            if (isPending(ref)) {
                out.put(ref, single(ref));
            } else {
                byJob.computeIfAbsent(ref.server() + "\n" + ref.project(), k -> new ArrayList<>()).add(ref);
            }
        }
        for (List<BuildRef> same : byJob.values()) {
            if (same.size() == 1) {
                out.put(same.get(0), single(same.get(0)));
                continue;
            }
            BuildRef first = same.get(0);
            Map<Integer, Build> listed = new HashMap<>();
            try {
                for (Build b : reads.job(first.server(), first.project(), JenkinsReads.WINDOW, false).builds()) {
                    listed.put(b.number(), b);
                }
            } catch (ProviderException e) {
                same.forEach(r -> out.put(r, e));
                continue;
            }
            for (BuildRef ref : same) {
                Build b = listed.get(Integer.parseInt(ref.id()));
                try {
                    out.put(ref, b == null ? status(ref) : reads.status(ref.server(), ref.project(), b));
                } catch (ProviderException e) {
                    out.put(ref, e);
                }
            }
        }
        return out;
    }

    private Object single(BuildRef ref) {
        try {
            return status(ref);
        } catch (ProviderException | RuntimeException e) {
            return e;
        }
    }

    @Override
    public Attempt restart(Attempt current, RestartMode mode) throws ProviderException {
        BuildRef ref = current.ref();
        check(ref);
        RestartMode chosen = CAPS.choose(mode, "Jenkins", "build");
        if (isPending(ref)) {
            BuildStatus now = search.status(PendingBuild.of(ref));
            if (now.movedTo() == null) {
                throw new ProviderException.NotRestartable(JenkinsProviderType.ID, 0, "The Jenkins restart " + ref.url()
                        + " has no build yet (" + now + "): nothing to restart; wait for it or cancel it");
            }
            ref = now.movedTo();
        }
        PendingBuild pending = restarts.restart(ref, chosen);
        BuildRef next = pending.toRef();
        LOGGER.fine(() -> "restart (" + chosen.id() + ") of " + current.ref().url() + " queued as " + next.url());
        return current.next(next);
    }

    @Override
    public void cancel(BuildRef ref) throws ProviderException {
        check(ref);
        BuildRef build = ref;
        if (isPending(ref)) {
            PendingBuild p = PendingBuild.of(ref);
            if (p.queueId() > 0) {
                JenkinsDtos.QueueItem item = reads.queueItem(p.server(), p.queueId());
                if (item != null && !item.left()) {
                    cancelQueued(p);
                    return;
                }
            }
            BuildStatus now = search.status(p);
            if (now.movedTo() == null) {
                return; // cancelled already
            }
            build = now.movedTo();
        }
        Build b = reads.build(build, false);
        if (!b.isBuilding()) {
            LOGGER.fine(() -> ref.url() + " has already ended; nothing to cancel");
            return;
        }
        HttpUrl stop = reads.api().job(build.server(), build.project()).addPathSegment(build.id()).addPathSegment("stop").build();
        HttpResponse r = reads.api().post(stop, Map.of());
        if (r.code() >= 400) {
            throw reads.api().classify(r, "the stop of build " + build.id() + " of job " + build.project());
        }
    }

    private void cancelQueued(PendingBuild p) throws ProviderException {
        HttpUrl url = reads.api().url(p.server()).addPathSegments("queue/cancelItem")
                .addQueryParameter("id", String.valueOf(p.queueId())).build();
        HttpResponse r = reads.api().post(url, Map.of());
        if (r.code() == 404) {
            // It left the queue between our read and the cancel (JENKINS-14813): stop its build instead.
            BuildStatus now = search.status(p);
            if (now.movedTo() != null) {
                cancel(now.movedTo());
            }
            return;
        }
        if (r.code() >= 400) {
            throw reads.api().classify(r, "the cancel of queue item " + p.queueId());
        }
    }

    private static boolean isPending(BuildRef ref) {
        return JenkinsProviderType.QUEUED.equals(ref.kind());
    }

    private void check(BuildRef ref) {
        if (!JenkinsProviderType.ID.equals(ref.provider())) {
            throw new IllegalArgumentException("not a Jenkins build: " + ref.url());
        }
    }
}
