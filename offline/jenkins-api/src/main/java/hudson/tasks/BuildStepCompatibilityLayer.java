// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/tasks/BuildStepCompatibilityLayer.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.tasks;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import java.io.IOException;

@Deprecated
public abstract class BuildStepCompatibilityLayer implements BuildStep {
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
