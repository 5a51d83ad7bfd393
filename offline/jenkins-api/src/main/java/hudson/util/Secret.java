// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    Secret(String value) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public String getPlainText() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static String toString(Secret s) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
