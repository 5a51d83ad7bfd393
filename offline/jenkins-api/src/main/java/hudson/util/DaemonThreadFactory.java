// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/util/DaemonThreadFactory.java @ jenkins-2.541.3.
// Signatures copied exactly; offline it does what the real one does (daemon threads of the default factory).
package hudson.util;

import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

public class DaemonThreadFactory implements ThreadFactory {
    public DaemonThreadFactory() {
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = Executors.defaultThreadFactory().newThread(r);
        t.setDaemon(true);
        return t;
    }
}
