// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/InvisibleAction.java @ jenkins-2.541.3.
// Signatures copied exactly; offline it does what the real one does (no icon, name or URL).
package hudson.model;

public abstract class InvisibleAction implements Action {
    @Override
    public final String getIconFileName() {
        return null;
    }

    @Override
    public final String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
