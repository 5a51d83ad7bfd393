package io.jenkins.plugins.externalbuild.provider.jenkins;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A restart that Jenkins accepted but that is not known as a build yet: what a {@code queued} ref carries, so that
 * the saved wait state (and a restarted controller or CLI) can still find the build.
 *
 * <p>Jenkins answers a build request with its queue item ({@code Location: …/queue/item/57/}); the item names its
 * build once an executor took it, and is purged about five minutes after it left the queue (or at a restart). So
 * the ref keeps, beside the queue item id, what identifies the build when the item is gone: the job, the build the
 * restart copied ({@code from}: same parameters) and the job's next build number before the restart ({@code next}:
 * ours is at least that). Together with "started by the API user" ({@link JenkinsProvider}) no other build matches.
 *
 * <p>The ref's URL is the queue item's page with these in the fragment, so it stays a link and parses back:
 * {@code https://ci.example.com/queue/item/57/#job=team%2Fapp&from=41&next=43}. {@code queueId} 0 means unknown
 * (a replay, whose answer names no queue item, that had already left the queue).
 */
record PendingBuild(String server, String job, long queueId, int from, int next) {

    PendingBuild {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(job, "job");
        if (queueId < 0 || from < 1 || next < 1) {
            throw new IllegalArgumentException("bad pending build: queueId " + queueId + ", from " + from + ", next " + next);
        }
    }

    BuildRef toRef() {
        String url = server + "/queue/item/" + queueId + "/#job=" + URLEncoder.encode(job, StandardCharsets.UTF_8)
                + "&from=" + from + "&next=" + next;
        return new BuildRef(JenkinsProviderType.ID, JenkinsProviderType.QUEUED, server, job, String.valueOf(queueId), url);
    }

    static boolean isQueueUrl(String rawPath) {
        return rawPath.matches(".*/queue/item/[0-9]+/?");
    }

    static PendingBuild of(BuildRef ref) {
        try {
            return parsePending(ref.server(), new URI(ref.url()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a pending Jenkins build: " + ref.url());
        }
    }

    /** The pending build a queue item URL of ours names; a queue URL without our fragment is refused. */
    static BuildRef parse(String server, URI url) {
        return parsePending(server, url).toRef();
    }

    private static PendingBuild parsePending(String server, URI url) {
        String path = url.getRawPath();
        String id = path.replaceAll(".*/queue/item/([0-9]+)/?$", "$1");
        Map<String, String> f = new HashMap<>();
        String fragment = url.getRawFragment() == null ? "" : url.getRawFragment();
        for (String pair : fragment.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                f.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String job = f.get("job");
        String from = f.get("from");
        String next = f.get("next");
        if (job == null || job.isBlank() || from == null || !from.matches("[1-9][0-9]{0,9}") || next == null
                || !next.matches("[1-9][0-9]{0,9}") || id.length() > 18) {
            throw new IllegalArgumentException("'" + url + "' is a Jenkins queue item, not a build: give the build's URL "
                    + "(a queue item URL works only as extbuild printed it, with #job=…&from=…&next=…)");
        }
        try {
            return new PendingBuild(server, job, Long.parseLong(id), Integer.parseInt(from), Integer.parseInt(next));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + url + "' has a number out of range");
        }
    }
}
