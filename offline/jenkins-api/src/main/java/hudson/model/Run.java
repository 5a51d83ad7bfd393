// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Run.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

import hudson.security.AccessControlled;
import java.io.IOException;

// stubcheck: omits ExtensionPoint, Comparable, PersistenceRoot, DescriptorByNameOwner, OnMaster, StaplerProxy, HistoricalBuild, WithConsoleUrl
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements AccessControlled {
    protected Run(JobT job) throws IOException {
        throw new UnsupportedOperationException("offline stand-in");
    }

    @Override
    public void addAction(Action a) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public hudson.EnvVars getEnvironment(TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public Result getResult() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
