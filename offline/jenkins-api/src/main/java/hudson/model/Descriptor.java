// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

// stubcheck: omits Loadable, OnMaster
public abstract class Descriptor<T extends Describable<T>> implements Saveable {
    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    @Override
    public synchronized void save() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public boolean configure(org.kohsuke.stapler.StaplerRequest2 req, net.sf.json.JSONObject json) throws FormException {
        throw new UnsupportedOperationException("offline stand-in");
    }

    // stubcheck: omits HttpResponse
    public static final class FormException extends Exception {
        public FormException(Throwable cause, String formField) {
            super(cause);
        }
    }
}
