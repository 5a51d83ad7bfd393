// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/tasks/BuildStepDescriptor.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor() {
    }

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
