// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/AbortException.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out; behaviour: the message, as upstream.
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }
}
