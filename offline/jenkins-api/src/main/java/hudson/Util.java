// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/Util.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson;

public class Util {
    public static String fixEmpty(String s) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static String fixEmptyAndTrim(String s) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
