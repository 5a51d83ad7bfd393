// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/AbstractBuild.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

import java.io.IOException;

// stubcheck: omits Executable, LazyLoadingRun, RunWithSCM
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    protected AbstractBuild(P job) throws IOException {
        super(job);
    }
}
