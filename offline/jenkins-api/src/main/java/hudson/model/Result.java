// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/model/Result.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.model;

import java.io.Serializable;

// stubcheck: omits CustomExportedBean
public final class Result implements Serializable {
    public static final Result SUCCESS = new Result();
    public static final Result UNSTABLE = new Result();
    public static final Result FAILURE = new Result();
    public static final Result NOT_BUILT = new Result();
    public static final Result ABORTED = new Result();

    private Result() {
    }
}
