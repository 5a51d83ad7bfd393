// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

// stubcheck: omits AbstractModelObject, ModelObjectWithContextMenu
public abstract class Actionable {
    public void addAction(Action a) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
