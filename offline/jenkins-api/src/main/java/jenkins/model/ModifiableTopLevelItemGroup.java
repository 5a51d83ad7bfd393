// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/jenkins/model/ModifiableTopLevelItemGroup.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package jenkins.model;

import hudson.model.ModifiableItemGroup;
import hudson.model.TopLevelItem;

public interface ModifiableTopLevelItemGroup extends ModifiableItemGroup<TopLevelItem> {
}
