package io.jenkins.plugins.externalbuild.jenkins;

import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import io.jenkins.plugins.externalbuild.engine.RestartOutcome;
import io.jenkins.plugins.externalbuild.engine.WaitState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/**
 * What the external-build steps return to Pipeline: usable from a sandboxed script without approval
 * ({@code b.status}, {@code b.attempt}, {@code b.previousIds}…). Holds no secret; serializable so that the
 * Pipeline can keep it across a restart.
 */
public final class ExternalBuildResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String provider;
    private final String kind;
    private final String project;
    private final String id;
    private final String url;
    private final String status;
    private final String rawStatus;
    private final int attempt;
    private final ArrayList<String> previousIds;
    private final ArrayList<String> failedJobs;
    private final String result;
    private final String message;

    ExternalBuildResult(BuildRef ref, BuildStatus status, int attempt, List<String> previousIds, List<String> failedJobs,
                        String result, String message) {
        this.provider = ref.provider();
        this.kind = ref.kind();
        this.project = ref.project();
        this.id = ref.id();
        this.url = ref.url();
        this.status = status == null ? "unknown" : status.state().name().toLowerCase(Locale.ROOT);
        this.rawStatus = status == null ? "" : status.raw();
        this.attempt = attempt;
        this.previousIds = new ArrayList<>(previousIds);
        this.failedJobs = new ArrayList<>(failedJobs);
        this.result = result;
        this.message = message;
    }

    static ExternalBuildResult of(RestartOutcome outcome) {
        WaitState w = outcome.state().waitState();
        return new ExternalBuildResult(w.ref(), w.status(), w.attempt(), w.previousIds(), outcome.failedJobs(),
                outcome.result().name().toLowerCase(Locale.ROOT), outcome.message());
    }

    @Whitelisted
    public String getProvider() {
        return provider;
    }

    @Whitelisted
    public String getKind() {
        return kind;
    }

    @Whitelisted
    public String getProject() {
        return project;
    }

    @Whitelisted
    public String getId() {
        return id;
    }

    @Whitelisted
    public String getUrl() {
        return url;
    }

    /** {@code queued}, {@code running}, {@code manual}, {@code success}, {@code failed}, {@code canceled}, {@code skipped} or {@code unknown}. */
    @Whitelisted
    public String getStatus() {
        return status;
    }

    /** The provider's own word for the status. */
    @Whitelisted
    public String getRawStatus() {
        return rawStatus;
    }

    /** 1 for the original build, 2 after the first restart, and so on. */
    @Whitelisted
    public int getAttempt() {
        return attempt;
    }

    /** Ids of the earlier attempts that had another id, oldest first. */
    @Whitelisted
    public List<String> getPreviousIds() {
        return Collections.unmodifiableList(previousIds);
    }

    @Whitelisted
    public List<String> getFailedJobs() {
        return Collections.unmodifiableList(failedJobs);
    }

    /** How the step ended: {@code succeeded}, {@code failed}, {@code restarted}, {@code read}, {@code cancelled}… */
    @Whitelisted
    public String getResult() {
        return result;
    }

    @Whitelisted
    public String getMessage() {
        return message;
    }

    @Whitelisted
    public boolean isSuccessful() {
        return "success".equals(status);
    }

    @Whitelisted
    @Override
    public String toString() {
        return provider + " " + kind + " " + id + " (" + project + ") attempt " + attempt + ": " + status + " " + url;
    }
}
