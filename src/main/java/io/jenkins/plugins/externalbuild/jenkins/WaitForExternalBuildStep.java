package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
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
 * {@code waitForExternalBuild}: waits for any external build to end, including one Jenkins did not start.
 * With {@code propagate} (default) a failed remote build fails the step. Aborting the Jenkins build leaves the
 * remote build running unless {@code onAbort: 'cancel'}: it may not be ours.
 */
public final class WaitForExternalBuildStep extends ExternalBuildStep {

    private int timeout;
    private Boolean propagate; // null: true
    private String onAbort = RestartPolicy.OnAbort.LEAVE.id();

    @DataBoundConstructor
    public WaitForExternalBuildStep() {
    }

    /** Minutes; 0 for the global default. */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

    public boolean isPropagate() {
        return propagate == null || propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    public String getOnAbort() {
        return LoopOptions.orDefault(onAbort, RestartPolicy.OnAbort.LEAVE.id()); // null (absent from XML): leave
    }

    @DataBoundSetter
    public void setOnAbort(String onAbort) {
        this.onAbort = LoopOptions.orDefault(onAbort, RestartPolicy.OnAbort.LEAVE.id());
    }

    LoopOptions options() {
        return new LoopOptions(false, null, 0, 0, 1.0, RestartPolicy.RetryOn.FAILURE.id(), true, getOnAbort(), timeout,
                isPropagate());
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new ExternalBuildExecution(context, target(), options());
    }

    @Extension
    @Symbol("waitForExternalBuild")
    public static final class DescriptorImpl extends ExternalBuildStepDescriptor {

        @Override
        public String getFunctionName() {
            return "waitForExternalBuild";
        }

        @Override
        public String getDisplayName() {
            return "Wait for an external build";
        }

        @POST
        public ListBoxModel doFillOnAbortItems() {
            return Forms.onAbort(RestartPolicy.OnAbort.LEAVE);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkNumber(item, value, "The timeout (minutes)", 0,
                    ExternalBuildConfiguration.MAX_TIMEOUT_MINUTES);
        }
    }
}
