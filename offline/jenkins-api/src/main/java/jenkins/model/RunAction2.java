// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/jenkins/model/RunAction2.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
