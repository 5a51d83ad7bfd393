package io.jenkins.plugins.externalbuild.jenkins;

import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.RestartState;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One external build a run touched, as the run page shows it and {@code build.xml} stores it: what the step
 * restarted or waited on, the attempt chain (original → restarts) with each attempt's status, start and
 * duration, and once ended, the result. A plain class, not a record, because XStream stores it. No secret in
 * here. Fields added later are null in records saved before them; the getters cope.
 */
public final class ExternalBuildRecord {

    /** One attempt of the chain. */
    public static final class Link {
        private final int number;
        private final String id;
        private final String url;
        private String status;
        private String state;
        /** When the remote build started and how long it ran, as the provider tells (else null). */
        private final Long startedAt;
        private final Long durationMillis;
        /** When this run began following the attempt (it restarted it), and when it saw it end; else null. */
        private Long followedFrom;
        private Long seenEnd;

        Link(int number, String id, String url, BuildStatus status) {
            this.number = number;
            this.id = id;
            this.url = url;
            this.status = status == null ? "" : status.toString();
            this.state = status == null ? "" : status.state().name().toLowerCase(Locale.ROOT);
            this.startedAt = status == null ? null : status.startedAt();
            this.durationMillis = status == null ? null : status.durationMillis();
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
            return status == null ? "" : status;
        }

        /** The normalized state ({@code success}, {@code failed}, {@code running}…); empty before the first read. */
        public String getState() {
            return state == null ? "" : state;
        }

        /** Jenkins' status symbol for the state, for {@code <l:icon src="symbol-status-…">}. */
        public String getSymbol() {
            return RecordFormat.stateSymbol(getState());
        }

        private Long started() {
            return startedAt != null ? startedAt : followedFrom;
        }

        /** When the attempt started (the provider's time, else when this run restarted it); empty when unknown. */
        public String getStarted() {
            Long t = started();
            return t == null ? "" : RecordFormat.time(t);
        }

        /** How long it ran (the provider's duration, else as this run saw it); "… so far" while it runs. */
        public String getDuration() {
            Long t = started();
            if (durationMillis != null) {
                return RecordFormat.duration(durationMillis);
            } else if (t != null && seenEnd != null) {
                return RecordFormat.duration(seenEnd - t);
            } else if (t != null && isRunning()) {
                return RecordFormat.duration(System.currentTimeMillis() - t) + " so far";
            }
            return "";
        }

        private boolean isRunning() {
            return RecordFormat.running(getState());
        }

        /** Times kept from the same attempt in the record before this one. */
        void continueFrom(Link earlier, long now) {
            if (earlier != null && earlier.number == number) {
                followedFrom = earlier.followedFrom;
                seenEnd = earlier.seenEnd;
            }
            if (seenEnd == null && followedFrom != null && !isRunning() && !getState().isEmpty()) {
                seenEnd = now;
            }
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
    /** "restart" or "wait", and what the step was given (its first attempt), as the first record saw them. */
    private String action;
    private String subject;
    private String subjectUrl;

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
        Link current = new Link(w.attempt(), w.ref().id(), w.ref().url(), w.status());
        if (w.attempt() > 1) {
            current.followedFrom = w.startedAt();
        }
        chain.add(current);
        String result = state.result() == null ? null : state.result().name().toLowerCase(Locale.ROOT);
        ExternalBuildRecord r = new ExternalBuildRecord(key, w.ref().provider(), w.ref().project(), w.ref().kind(), chain,
                w.status() == null ? "" : w.status().toString(),
                w.status() == null ? "" : w.status().state().name().toLowerCase(Locale.ROOT), result, state.message());
        if (w.attempt() == 1 && w.previous().isEmpty()) {
            r.action = state.phase() == RestartState.Phase.WAITING && state.restarts() == 0 && state.result() == null
                    ? "wait" : "restart";
            r.subject = w.ref().describe();
            r.subjectUrl = w.ref().url();
        }
        if (result != null && (current.isRunning() || current.getState().isEmpty())) {
            endedWhileRunning(current, state.afterStop());
        }
        return r;
    }

    /**
     * The step ended (aborted, timed out, …) while the remote build still ran, and will not read it again: the
     * attempt's final word is what the stop did to it ({@link RestartOutcome.AfterStop}), else the last status seen.
     */
    private static void endedWhileRunning(Link current, RestartOutcome.AfterStop after) {
        String seen = current.getStatus().isEmpty() ? "not read yet" : current.getStatus();
        if (after == RestartOutcome.AfterStop.CANCELLED) {
            current.status = "cancel requested (was " + seen + ")";
            current.state = "canceled";
        } else if (after == RestartOutcome.AfterStop.LEFT_RUNNING) {
            current.status = "left running (onAbort: leave; was " + seen + ")";
            current.state = "left";
        } else if (after == RestartOutcome.AfterStop.CANCEL_FAILED) {
            current.status = "cancel failed (was " + seen + ")";
            current.state = "ended";
        } else {
            current.status = seen + " when the step ended";
            current.state = "ended";
        }
    }

    /** This record as the next state of {@code earlier} (same key): keeps what only the first record knew. */
    ExternalBuildRecord continuing(ExternalBuildRecord earlier, long now) {
        if (earlier != null) {
            action = action != null && earlier.action == null ? action : earlier.action;
            subject = earlier.subject != null ? earlier.subject : subject;
            subjectUrl = earlier.subjectUrl != null ? earlier.subjectUrl : subjectUrl;
        }
        for (Link link : attempts) {
            Link before = null;
            if (earlier != null) {
                for (Link e : earlier.attempts) {
                    if (e.number == link.number) {
                        before = e;
                    }
                }
            }
            link.continueFrom(before, now);
        }
        return this;
    }

    String getKey() {
        return key;
    }

    /**
     * The heading: what the step restarted or waited on, as given ({@code Restart of buildbot build 1 (4)}), not the
     * latest attempt.
     */
    public String getTitle() {
        String what = subject != null ? subject : getAttempts().get(0).getId() == null ? kind
                : provider + " " + kind + " " + getAttempts().get(0).getId() + " (" + project + ")";
        if ("wait".equals(action)) {
            return "Wait for " + what;
        }
        return ("restart".equals(action) ? "Restart of " : "") + what;
    }

    /** The URL of what the step was given; null when not an http(s) URL or unknown. */
    public String getSubjectUrl() {
        return BuildLog.isWeb(subjectUrl) ? subjectUrl : getAttempts().get(0).getUrl();
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

    /** Jenkins' status symbol for the result (an animated one while the step runs). */
    public String getResultSymbol() {
        return RecordFormat.resultSymbol(result);
    }

    public String getMessage() {
        return message;
    }
}
