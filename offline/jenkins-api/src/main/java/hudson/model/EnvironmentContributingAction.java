// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/EnvironmentContributingAction.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

import hudson.EnvVars;

public interface EnvironmentContributingAction extends Action {
    default void buildEnvironment(Run<?, ?> run, EnvVars env) {
    }
}
