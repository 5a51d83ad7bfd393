// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/Util.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out. Behaviour: fixEmpty and fixEmptyAndTrim as upstream
// (L1115-1129), so that offline tests can set up steps through their @DataBoundSetters.
package hudson;

public class Util {
    public static String fixEmpty(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return s;
    }

    public static String fixEmptyAndTrim(String s) {
        if (s == null) {
            return null;
        }
        return fixEmpty(s.trim());
    }
}
