package io.jenkins.plugins.externalbuild.provider;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The strict checks every provider's parsing shares, so that a pasted URL or a coordinate is refused the same
 * way whichever provider it names: path segments that climb ({@code ..}, {@code .}, also percent-encoded), ids
 * that are not positive 64-bit numbers, query parameters given twice. Every refusal is an
 * {@link IllegalArgumentException} with one sentence; none quotes a secret ({@link ProviderRegistry} redacts).
 */
public final class Inputs {

    private Inputs() {
    }

    /**
     * Refuses a URL whose path (or Buildbot-style {@code #/route} fragment) has a {@code .} or {@code ..} segment,
     * raw or percent-encoded ({@code %2e%2e}): a server or our API paths would resolve it to another resource.
     */
    public static void requireNoDotSegments(URI url, String shown) {
        String fragment = url.getRawFragment();
        if (hasDotSegment(url.getRawPath()) || fragment != null && fragment.startsWith("/") && hasDotSegment(fragment)) {
            throw new IllegalArgumentException("'" + shown + "' has a '.' or '..' path segment (also refused encoded, %2e): "
                    + "paste the build's address as the browser shows it");
        }
    }

    /** Refuses a coordinate (project path, id) with a {@code .} or {@code ..} segment, raw or percent-encoded. */
    public static void requireNoDotSegments(String value, String what) {
        if (value != null && hasDotSegment(value.trim())) {
            throw new IllegalArgumentException(what + " '" + value.trim() + "' has a '.' or '..' path segment");
        }
    }

    static boolean hasDotSegment(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return false;
        }
        String path = rawPath;
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        for (String segment : path.split("/", -1)) {
            String s = decode(segment).strip();
            if (s.equals(".") || s.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment; // a malformed escape: not a dot segment; the parser refuses it later
        }
    }

    /**
     * {@code text} as a positive 64-bit id (1 to 9223372036854775807, digits only).
     *
     * @param what for the message: {@code "GitLab job id"}
     */
    public static long positiveId(String text, String what) {
        String t = text == null ? "" : text.trim();
        if (t.matches("[1-9]\\d{0,18}")) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                // beyond 2^63 - 1: refused below
            }
        }
        throw new IllegalArgumentException(what + " must be a whole number from 1 to " + Long.MAX_VALUE + ", got '"
                + abbreviate(t) + "'");
    }

    /**
     * The single value of query parameter {@code name} (case-insensitive) in {@code rawQuery}, URL-decoded; null when
     * absent. Given twice, it is refused: which one a server would take is anyone's guess.
     */
    public static String singleQueryParameter(String rawQuery, String name, String shown) {
        if (rawQuery == null) {
            return null;
        }
        String found = null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                if (found != null) {
                    throw new IllegalArgumentException("'" + shown + "' gives " + name + " more than once");
                }
                found = eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return found;
    }

    /**
     * Refuses what a URL carries after the build's id unless a browser shows it there: {@code tail} (such as
     * {@code "/raw"}, possibly empty or just {@code "/"}) must be empty, one of {@code pages}, or start with one of
     * {@code trees} followed by anything ({@code /artifacts/browse/dir}).
     *
     * @param expected for the message: the accepted form, {@code "…/-/jobs/ID[/raw|/artifacts/…]"}
     */
    public static void requireTail(String tail, java.util.Set<String> pages, java.util.Set<String> trees, String shown,
                                   String expected) {
        String t = tail == null ? "" : tail.replaceAll("/+$", "");
        if (t.isEmpty()) {
            return;
        }
        String first = t.substring(1).split("/", 2)[0];
        boolean more = t.substring(1).contains("/");
        if (trees.contains(first) || pages.contains(first) && !more) {
            return;
        }
        throw new IllegalArgumentException("'" + shown + "' has an unexpected part after the build's id ('"
                + abbreviate(t) + "'): expected " + expected);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
