// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/EnvVars.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
    }

    @Override
    public String put(String key, String value) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public String expand(String s) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
