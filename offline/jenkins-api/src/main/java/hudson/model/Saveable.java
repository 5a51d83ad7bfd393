// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Saveable.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

import java.io.IOException;

public interface Saveable {
    void save() throws IOException;
}
