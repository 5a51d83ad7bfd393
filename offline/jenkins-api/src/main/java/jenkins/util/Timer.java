// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/jenkins/util/Timer.java @ jenkins-2.541.3.
// Signature copied exactly; the real class wraps a 10-thread pool that runs tasks as SYSTEM.
package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

public class Timer {

    private Timer() {
    }

    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("offline stand-in: only real Jenkins has a Timer");
    }
}
