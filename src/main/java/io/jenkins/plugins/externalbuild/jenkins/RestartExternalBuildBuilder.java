package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Freestyle "Restart external build": the options of {@code restartExternalBuild}. */
public final class RestartExternalBuildBuilder extends ExternalBuildBuilder {

    private String mode;
    private Boolean wait; // null (absent from XML): true
    private int attempts = RestartExternalBuildStep.DEFAULT_ATTEMPTS;
    private int delay;
    private double backoff = 1.0;
    private String retryOn = RestartPolicy.RetryOn.FAILURE.id();
    private String onAbort = RestartPolicy.OnAbort.CANCEL.id();

    @DataBoundConstructor
    public RestartExternalBuildBuilder(String url) {
        super(url);
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

    public int getAttempts() {
        return LoopOptions.clampAttempts(attempts); // 0 (absent from XML): the default, 1
    }

    @DataBoundSetter
    public void setAttempts(int attempts) {
        this.attempts = LoopOptions.clampAttempts(attempts);
    }

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

    @Override
    LoopOptions options() {
        return new LoopOptions(true, mode, getAttempts(), getDelay(), getBackoff(), getRetryOn(), isWait(), getOnAbort(),
                getTimeout(), isPropagate());
    }

    @Extension
    public static final class DescriptorImpl extends ExternalBuildBuilderDescriptor {

        @Override
        public String getDisplayName() {
            return "Restart external build";
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
    }
}
