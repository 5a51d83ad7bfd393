// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/tasks/BuildStep.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out; its abstract methods are implemented by BuildStepCompatibilityLayer upstream, so they are left out with it.
package hudson.tasks;

public interface BuildStep {
    default BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
