// Stand-in (compile only) for jenkinsci/jenkins core/src/main/java/hudson/console/HyperlinkNote.java @ jenkins-2.541.3.
// Signatures copied exactly; members we do not use are left out. Behaviour: encodeTo returns the text without the
// console note, as upstream does when encoding fails (L93-98), so offline execution tests can write log lines.
package hudson.console;

// stubcheck: omits ConsoleNote
public class HyperlinkNote {
    public HyperlinkNote(String url, int length) {
        throw new UnsupportedOperationException("offline stand-in");
    }

    public static String encodeTo(String url, String text) {
        return text;
    }
}
