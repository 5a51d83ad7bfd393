// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/jenkins/tasks/SimpleBuildStep.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package jenkins.tasks;

import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;

public interface SimpleBuildStep extends BuildStep {
    default void perform(Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException("offline stand-in");
    }

    default boolean requiresWorkspace() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
