package io.jenkins.plugins.externalbuild.jenkins;

import hudson.Extension;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.externalbuild.engine.RestartPolicy;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/** Freestyle "Wait for external build". */
public final class WaitForExternalBuildBuilder extends ExternalBuildBuilder {

    private String onAbort = RestartPolicy.OnAbort.LEAVE.id();

    @DataBoundConstructor
    public WaitForExternalBuildBuilder(String url) {
        super(url);
    }

    public String getOnAbort() {
        return LoopOptions.orDefault(onAbort, RestartPolicy.OnAbort.LEAVE.id()); // null (absent from XML): leave
    }

    @DataBoundSetter
    public void setOnAbort(String onAbort) {
        this.onAbort = LoopOptions.orDefault(onAbort, RestartPolicy.OnAbort.LEAVE.id());
    }

    @Override
    LoopOptions options() {
        return new LoopOptions(false, null, 0, 0, 1.0, RestartPolicy.RetryOn.FAILURE.id(), true, getOnAbort(), getTimeout(),
                isPropagate());
    }

    @Extension
    public static final class DescriptorImpl extends ExternalBuildBuilderDescriptor {

        @Override
        public String getDisplayName() {
            return "Wait for external build";
        }

        @POST
        public ListBoxModel doFillOnAbortItems() {
            return Forms.onAbort(RestartPolicy.OnAbort.LEAVE);
        }
    }
}
