// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Item.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out; permission constants are null here.
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

// stubcheck: omits PersistenceRoot, FullyNamedModelObject, SearchableModelObject, FullyNamed, Named, OnMaster
public interface Item extends AccessControlled {
    Permission CONFIGURE = null;
    Permission EXTENDED_READ = null;
}
