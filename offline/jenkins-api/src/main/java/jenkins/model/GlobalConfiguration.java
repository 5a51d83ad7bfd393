// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/jenkins/model/GlobalConfiguration.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration> implements ExtensionPoint, Describable<GlobalConfiguration> {
    protected GlobalConfiguration() {
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    @Override
    public boolean configure(org.kohsuke.stapler.StaplerRequest2 req, net.sf.json.JSONObject json) throws FormException {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
