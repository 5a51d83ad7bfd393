// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out; ADMINISTER is null here.
package jenkins.model;

import hudson.Plugin;
import hudson.ProxyConfiguration;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;

// stubcheck: omits AbstractCIBase, StaplerProxy, StaplerFallback, ModifiableViewGroup, DescriptorByNameOwner, ModelObjectWithContextMenu, ModelObjectWithChildren, OnMaster, Loadable
public class Jenkins implements DirectlyModifiableTopLevelItemGroup, AccessControlled {
    public static final Permission ADMINISTER = null;

    private Jenkins() {
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public Plugin getPlugin(String shortName) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public ProxyConfiguration getProxy() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
