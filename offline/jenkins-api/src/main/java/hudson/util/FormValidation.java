// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.util;

import java.io.IOException;

// stubcheck: omits HttpResponse
public abstract class FormValidation extends IOException {
    private FormValidation(Kind kind) {
    }

    public enum Kind { OK, WARNING, ERROR }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static FormValidation validateIntegerInRange(String value, int lower, int upper) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static FormValidation validateRequired(String value) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public abstract String renderHtml();
}
