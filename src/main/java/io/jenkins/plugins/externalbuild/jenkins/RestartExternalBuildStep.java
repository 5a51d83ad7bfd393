package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code restartExternalBuild}: restarts an external build, waits for it (unless {@code wait: false}) and
 * restarts it again while it keeps failing, up to {@code attempts} restarts.
 * <pre>{@code
 * def b = restartExternalBuild url: 'https://gitlab.example.com/group/app/-/pipelines/4711',
 *         credentialsId: 'gitlab-token', mode: 'failed', timeout: 45
 * echo "${b.status} after ${b.attempt} attempts: ${b.url}"
 * }</pre>
 */
public final class RestartExternalBuildStep extends ExternalBuildStep {

    static final int DEFAULT_ATTEMPTS = 1;

    private String mode;
    private Boolean wait; // null (absent from XML): true
    private int timeout;
    private int attempts = DEFAULT_ATTEMPTS;
    private int delay;
    private double backoff = 1.0;
    private String retryOn = RestartPolicy.RetryOn.FAILURE.id();
    private String onAbort = RestartPolicy.OnAbort.CANCEL.id();
    private Boolean propagate; // null: true

    @DataBoundConstructor
    public RestartExternalBuildStep() {
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = Util.fixEmptyAndTrim(mode);
    }

    public boolean isWait() {
        return wait == null || wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    /** Minutes for the whole step, restarts included; 0 for the global default. */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

    public int getAttempts() {
        return LoopOptions.clampAttempts(attempts); // 0 (absent from XML): the default, 1
    }

    @DataBoundSetter
    public void setAttempts(int attempts) {
        this.attempts = LoopOptions.clampAttempts(attempts);
    }

    /** Seconds before the second restart (the first is immediate). */
    public int getDelay() {
        return delay;
    }

    @DataBoundSetter
    public void setDelay(int delay) {
        this.delay = LoopOptions.clampDelaySeconds(delay);
    }

    public double getBackoff() {
        return LoopOptions.clampBackoff(backoff); // 0 (absent from XML): the default, 1
    }

    @DataBoundSetter
    public void setBackoff(double backoff) {
        this.backoff = LoopOptions.clampBackoff(backoff);
    }

    public String getRetryOn() {
        return LoopOptions.orDefault(retryOn, RestartPolicy.RetryOn.FAILURE.id());
    }

    @DataBoundSetter
    public void setRetryOn(String retryOn) {
        this.retryOn = LoopOptions.orDefault(retryOn, RestartPolicy.RetryOn.FAILURE.id());
    }

    public String getOnAbort() {
        return LoopOptions.orDefault(onAbort, RestartPolicy.OnAbort.CANCEL.id());
    }

    @DataBoundSetter
    public void setOnAbort(String onAbort) {
        this.onAbort = LoopOptions.orDefault(onAbort, RestartPolicy.OnAbort.CANCEL.id());
    }

    public boolean isPropagate() {
        return propagate == null || propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    LoopOptions options() {
        return new LoopOptions(true, mode, getAttempts(), getDelay(), getBackoff(), getRetryOn(), isWait(), getOnAbort(),
                getTimeout(), isPropagate());
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new ExternalBuildExecution(context, target(), options());
    }

    @Extension
    @Symbol("restartExternalBuild")
    public static final class DescriptorImpl extends ExternalBuildStepDescriptor {

        @Override
        public String getFunctionName() {
            return "restartExternalBuild";
        }

        @Override
        public String getDisplayName() {
            return "Restart an external build and wait for it";
        }

        @POST
        public ListBoxModel doFillModeItems() {
            return Forms.modes();
        }

        @POST
        public FormValidation doCheckMode(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, FormRules.checkMode(value));
        }

        @POST
        public ListBoxModel doFillRetryOnItems() {
            return Forms.retryOn();
        }

        @POST
        public ListBoxModel doFillOnAbortItems() {
            return Forms.onAbort(RestartPolicy.OnAbort.CANCEL);
        }

        @POST
        public FormValidation doCheckAttempts(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkNumber(item, value, "Attempts", 1, RestartPolicy.MAX_ATTEMPTS);
        }

        @POST
        public FormValidation doCheckDelay(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkNumber(item, value, "The delay (seconds)", 0,
                    (int) RestartPolicy.MAX_DELAY.toSeconds());
        }

        @POST
        public FormValidation doCheckBackoff(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkBackoff(item, value);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkNumber(item, value, "The timeout (minutes)", 0,
                    ExternalBuildConfiguration.MAX_TIMEOUT_MINUTES);
        }
    }
}
