package io.jenkins.plugins.externalbuild.provider.jenkins;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.provider.ProviderException;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.Build;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.Cause;
import io.jenkins.plugins.externalbuild.provider.jenkins.JenkinsDtos.QueueItem;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Finds the build a {@link PendingBuild} became. First its queue item: waiting (a queued status), cancelled, or left
 * with an {@code executable} (the build). When Jenkins no longer has the item (404: purged five minutes after it left
 * the queue), the job's newest builds are searched for the one that is ours: number at least {@code next}, a
 * {@code UserIdCause} of the API user, the same parameters as the build the restart copied, and — when the queue item
 * id is known — that {@code queueId} (core's queue ids survive a controller restart: {@code QueueIdStrategy} persists
 * its counter). Exactly one match is ours; none means the item was cancelled or its build deleted; several (only
 * possible without a queue id) are refused rather than guessed.
 */
final class JenkinsSearch {

    private static final String USER_CAUSE = "hudson.model.Cause$UserIdCause";

    private final JenkinsReads reads;

    JenkinsSearch(JenkinsReads reads) {
        this.reads = reads;
    }

    /** The status of the pending build, moved to its build once there is one. */
    BuildStatus status(PendingBuild p) throws ProviderException {
        if (p.queueId() > 0) {
            QueueItem item = reads.queueItem(p.server(), p.queueId());
            if (item != null) {
                if (item.executable() != null && item.executable().number() != null) {
                    return buildStatus(p, item.executable().number());
                }
                return JenkinsStatusMapping.of(item);
            }
        }
        return buildStatus(p, find(p));
    }

    /** The build number of the pending build from the job's builds; a queue item that is gone and no build is an error. */
    int find(PendingBuild p) throws ProviderException {
        JenkinsDtos.Job job = reads.job(p.server(), p.job(), JenkinsReads.WINDOW, true);
        Map<String, List<String>> wanted = wantedParameters(p);
        String user = reads.api().user();
        List<Build> ours = job.builds().stream()
                .filter(b -> b.number() != null && b.number() >= p.next())
                .filter(b -> p.queueId() == 0 || Objects.equals(b.queueId(), p.queueId()))
                .filter(b -> byUser(b.causes(), user))
                .filter(b -> sameParameters(b, wanted))
                .toList();
        String where = "job " + p.job() + " at " + p.server();
        if (ours.size() == 1) {
            return ours.get(0).number();
        }
        if (ours.isEmpty()) {
            throw new ProviderException.NotFound(JenkinsProviderType.ID, 404, "The restart of build " + p.from() + " of "
                    + where + " is not in the queue any more" + (p.queueId() > 0 ? " (item " + p.queueId() + ")" : "")
                    + ", and no build numbered " + p.next() + " or later was started by " + who(user)
                    + " with the same parameters: it was cancelled, or its build deleted");
        }
        throw new ProviderException.BadResponse(JenkinsProviderType.ID, 200, "Several builds of " + where + " could be the "
                + "restart of build " + p.from() + " (" + ours.stream().map(b -> "#" + b.number())
                .collect(Collectors.joining(", ")) + ", all started by " + who(user) + " with the same parameters); "
                + "not guessing which one is ours", null);
    }

    /** The parameters of the build the restart copied; none to compare when it was deleted and the queue id is known. */
    private Map<String, List<String>> wantedParameters(PendingBuild p) throws ProviderException {
        try {
            return JenkinsRestarts.copiedParameters(reads.build(p.server(), p.job(), p.from(), true),
                    "build " + p.from() + " of job " + p.job());
        } catch (ProviderException.NotFound e) {
            if (p.queueId() > 0) {
                return Map.of(); // the queue id alone identifies the build
            }
            throw e;
        }
    }

    private BuildStatus buildStatus(PendingBuild p, int number) throws ProviderException {
        Build build = reads.build(p.server(), p.job(), number, false);
        BuildRef moved = JenkinsProviderType.build(p.server(), p.job(), String.valueOf(number));
        return reads.status(p.server(), p.job(), build).movedTo(moved);
    }

    /** Whether a cause of these is a {@code UserIdCause} of {@code user} (Jenkins user ids are case-insensitive). */
    static boolean byUser(List<Cause> causes, String user) {
        return causes.stream().anyMatch(c -> USER_CAUSE.equals(c.type())
                && (user == null ? c.userId() == null : user.equalsIgnoreCase(c.userId())));
    }

    /** Every wanted value is the build's (the job may have gained parameters, which then have their defaults). */
    private static boolean sameParameters(Build b, Map<String, List<String>> wanted) {
        Map<String, List<String>> actual;
        try {
            actual = JenkinsRestarts.copiedParameters(b, "");
        } catch (ProviderException e) {
            return false;
        }
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
    }

    private static String who(String user) {
        return user == null ? "anonymous" : "user " + user;
    }
}
