// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/jenkins/model/DirectlyModifiableTopLevelItemGroup.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package jenkins.model;

public interface DirectlyModifiableTopLevelItemGroup extends ModifiableTopLevelItemGroup {
}
