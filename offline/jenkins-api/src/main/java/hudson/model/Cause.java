// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Cause.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

public abstract class Cause {
    public abstract String getShortDescription();
}
