// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/ItemGroup.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

// stubcheck: omits FullyNamed, FullyNamedModelObject, PersistenceRoot
public interface ItemGroup<T extends Item> {
}
