// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/queue/Tasks.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model.queue;

import hudson.model.Queue.Task;
import org.springframework.security.core.Authentication;

public class Tasks {
    public static Authentication getAuthenticationOf2(Task t) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
