// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/AbstractProject.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

// stubcheck: omits BuildableItem, LazyLoadingJob, ParameterizedJob
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
    }
}
