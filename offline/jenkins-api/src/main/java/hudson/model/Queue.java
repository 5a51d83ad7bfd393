// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Queue.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

// stubcheck: omits ResourceController, Saveable
public class Queue {
    public Queue(LoadBalancer loadBalancer) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    // stubcheck: omits FullyNamedModelObject, SubTask
    public interface Task {
    }
}
