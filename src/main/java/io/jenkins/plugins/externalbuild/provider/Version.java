package io.jenkins.plugins.externalbuild.provider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, from the build (for the user agent and {@code extbuild --version}). */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the unknown version
        }
        return "unknown";
    }
}
