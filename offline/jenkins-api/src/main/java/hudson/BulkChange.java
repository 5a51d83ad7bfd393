// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/BulkChange.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson;

import hudson.model.Saveable;
import java.io.Closeable;
import java.io.IOException;

public class BulkChange implements Closeable {
    public BulkChange(Saveable saveable) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public void commit() throws IOException {
        throw new UnsupportedOperationException("offline stand-in");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
