// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/TaskListener.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out; NULL discards output (upstream: NullTaskListener).
package hudson.model;

import java.io.OutputStream;
import java.io.PrintStream;

// stubcheck: omits SerializableOnlyOverRemoting
public interface TaskListener {
    PrintStream getLogger();

    TaskListener NULL = () -> new PrintStream(OutputStream.nullOutputStream());
}
