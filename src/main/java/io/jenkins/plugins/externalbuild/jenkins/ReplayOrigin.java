package io.jenkins.plugins.externalbuild.jenkins;

import hudson.model.Run;
import org.jenkinsci.plugins.workflow.cps.replay.ReplayCause;

/**
 * The only class naming Pipeline: Groovy's {@link ReplayCause} (an optional dependency); loaded only after
 * {@link RestartRecordAction} checked the plugin is installed.
 */
final class ReplayOrigin {

    private ReplayOrigin() {
    }

    static Run<?, ?> of(Run<?, ?> run) {
        ReplayCause cause = run.getCause(ReplayCause.class);
        return cause == null ? null : cause.getOriginal();
    }
}
