// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/Plugin.java @ jenkins-2.541.3.
// Only the type: Jenkins.getPlugin(String) returns it, and we only compare that with null.
package hudson;

// stubcheck: omits Loadable, Saveable, StaplerProxy
public abstract class Plugin {
}
