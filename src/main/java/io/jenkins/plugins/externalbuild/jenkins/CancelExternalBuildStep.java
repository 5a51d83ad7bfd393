package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code cancelExternalBuild}: cancel an external build, once, without waiting; returns an {@link ExternalBuildResult}. */
public final class CancelExternalBuildStep extends ExternalBuildStep {

    @DataBoundConstructor
    public CancelExternalBuildStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new OneCallExecution(context, target(), OneCallExecution.Call.CANCEL);
    }

    @Extension
    @Symbol("cancelExternalBuild")
    public static final class DescriptorImpl extends ExternalBuildStepDescriptor {

        @Override
        public String getFunctionName() {
            return "cancelExternalBuild";
        }

        @Override
        public String getDisplayName() {
            return "Cancel an external build";
        }
    }
}
