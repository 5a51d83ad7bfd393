// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

// stubcheck: omits Loadable, Saveable, OnMaster
public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
