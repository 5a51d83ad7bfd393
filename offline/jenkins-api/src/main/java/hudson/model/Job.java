// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Job.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

// stubcheck: omits AbstractItem, ExtensionPoint, StaplerOverridable, ModelObjectWithChildren, HasWidgets
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    protected Job(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
