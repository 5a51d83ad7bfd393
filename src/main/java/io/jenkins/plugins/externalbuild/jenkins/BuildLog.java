package io.jenkins.plugins.externalbuild.jenkins;

import hudson.model.TaskListener;
import io.jenkins.plugins.externalbuild.engine.Attempt;
import io.jenkins.plugins.externalbuild.engine.BuildRef;
import io.jenkins.plugins.externalbuild.engine.BuildStatus;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The build-log lines of external builds: one per status change, restart or end, each ending with the remote
 * build's URL as plain text: Jenkins' own URL annotator links http(s) URLs in the console (wrapping them in a
 * HyperlinkNote as well nested one anchor in another). Messages come from the engine and providers, which redact
 * secrets before they build them.
 */
final class BuildLog {

    static final String PREFIX = "[external-build] ";

    private BuildLog() {
    }

    static void status(TaskListener listener, Attempt attempt, BuildStatus status) {
        line(listener, describe(attempt) + ": " + status + " ", attempt.ref());
    }

    static void restarted(TaskListener listener, Attempt from, Attempt to, String mode) {
        line(listener, "restarted " + from.ref().describe() + (mode == null ? "" : " (mode " + mode + ")")
                + ": attempt " + to.number() + " is " + to.ref().kind() + " " + to.ref().id() + " ", to.ref());
    }

    static void message(TaskListener listener, String message) {
        listener.getLogger().println(PREFIX + message);
    }

    static String describe(Attempt attempt) {
        return attempt.ref().describe() + (attempt.number() > 1 ? " attempt " + attempt.number() : "");
    }

    private static void line(TaskListener listener, String text, BuildRef ref) {
        listener.getLogger().println(PREFIX + text + link(ref.url()));
    }

    /** The URL as the console shows it: plain text, which core's URL annotator links when it is http(s). */
    static String link(String url) {
        return url;
    }

    static boolean isWeb(String url) {
        if (url == null) {
            return false;
        }
        try {
            String scheme = new URI(url).getScheme();
            return "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
