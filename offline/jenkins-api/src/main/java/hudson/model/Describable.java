// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Describable.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
