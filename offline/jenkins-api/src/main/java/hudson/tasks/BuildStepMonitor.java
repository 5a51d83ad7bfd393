// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/tasks/BuildStepMonitor.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out; the constants' bodies and the abstract perform are left out.
package hudson.tasks;

public enum BuildStepMonitor {
    NONE, STEP, BUILD
}
