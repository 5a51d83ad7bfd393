// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/tasks/Builder.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    @Override
    public Descriptor<Builder> getDescriptor() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
