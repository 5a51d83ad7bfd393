// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/console/HyperlinkNote.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out.
package hudson.console;

// stubcheck: omits ConsoleNote
public class HyperlinkNote {
    public HyperlinkNote(String url, int length) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static String encodeTo(String url, String text) {
        throw new UnsupportedOperationException("offline stand-in");
    }
}
