package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code externalBuildStatus}: read the status of an external build, once, without waiting; returns an {@link ExternalBuildResult}. */
public final class ExternalBuildStatusStep extends ExternalBuildStep {

    @DataBoundConstructor
    public ExternalBuildStatusStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new OneCallExecution(context, target(), OneCallExecution.Call.STATUS);
    }

    @Extension
    @Symbol("externalBuildStatus")
    public static final class DescriptorImpl extends ExternalBuildStepDescriptor {

        @Override
        public String getFunctionName() {
            return "externalBuildStatus";
        }

        @Override
        public String getDisplayName() {
            return "Read the status of an external build";
        }
    }
}
