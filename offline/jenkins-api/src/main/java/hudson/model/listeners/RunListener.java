// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/listeners/RunListener.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Run;
import hudson.model.TaskListener;

public abstract class RunListener<R extends Run> implements ExtensionPoint {
    protected RunListener() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public void onCompleted(R r, TaskListener listener) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
