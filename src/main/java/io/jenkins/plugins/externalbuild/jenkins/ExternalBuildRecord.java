package io.jenkins.plugins.externalbuild.jenkins;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One external build a run touched, as the run page shows it and {@code build.xml} stores it: the attempt
 * chain (original → restarts), the current status and, once ended, the result. A plain class, not a record,
 * because XStream stores it. No secret in here.
 */
public final class ExternalBuildRecord {

    /** One attempt of the chain. */
    public static final class Link {
        private final int number;
        private final String id;
        private final String url;
        private final String status;

        Link(int number, String id, String url, BuildStatus status) {
            this.number = number;
            this.id = id;
            this.url = url;
            this.status = status == null ? "" : status.toString();
        }

        public int getNumber() {
            return number;
        }

        public String getId() {
            return id;
        }

        /** The attempt's URL when it is an http(s) URL (the page links it); otherwise null. */
        public String getUrl() {
            return BuildLog.isWeb(url) ? url : null;
        }

        public String getStatus() {
            return status;
        }
    }

    private final String key;
    private final String provider;
    private final String project;
    private final String kind;
    private final List<Link> attempts;
    private final String status;
    private final String state;
    private final String result;
    private final String message;

    private ExternalBuildRecord(String key, String provider, String project, String kind, List<Link> attempts,
                                String status, String state, String result, String message) {
        this.key = key;
        this.provider = provider;
        this.project = project;
        this.kind = kind;
        this.attempts = attempts;
        this.status = status;
        this.state = state;
        this.result = result;
        this.message = message;
    }

    static ExternalBuildRecord of(String key, RestartState state) {
        WaitState w = state.waitState();
        List<Link> chain = new ArrayList<>();
        for (WaitState.PastAttempt p : w.previous()) {
            chain.add(new Link(p.number(), p.id(), p.url(), p.status()));
        }
        chain.add(new Link(w.attempt(), w.ref().id(), w.ref().url(), w.status()));
        String result = state.result() == null ? null : state.result().name().toLowerCase(java.util.Locale.ROOT);
        return new ExternalBuildRecord(key, w.ref().provider(), w.ref().project(), w.ref().kind(), chain,
                w.status() == null ? "" : w.status().toString(),
                w.status() == null ? "" : w.status().state().name().toLowerCase(java.util.Locale.ROOT), result, state.message());
    }

    String getKey() {
        return key;
    }

    public String getProvider() {
        return provider;
    }

    public String getProject() {
        return project;
    }

    public String getKind() {
        return kind;
    }

    public List<Link> getAttempts() {
        return Collections.unmodifiableList(attempts);
    }

    public Link getCurrent() {
        return attempts.get(attempts.size() - 1);
    }

    public String getStatus() {
        return status;
    }

    /** The normalized status alone: {@code running}, {@code success}, {@code failed}… (empty before the first read). */
    public String getState() {
        return state;
    }

    /** Null while the step still runs. */
    public String getResult() {
        return result;
    }

    public String getMessage() {
        return message;
    }
}
