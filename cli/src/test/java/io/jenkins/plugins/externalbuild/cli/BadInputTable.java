package io.jenkins.plugins.externalbuild.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code bad-inputs.tsv} (the table's header says what each column means), read by the CLI's and the
 * Jenkins step's tests alike.
 */
public record BadInputTable(int line, String front, int exit, String env, String message, String input) {

    public static final String RESOURCE = "/io/jenkins/plugins/externalbuild/bad-inputs.tsv";

    public static List<BadInputTable> rows() {
        List<BadInputTable> out = new ArrayList<>();
        try (InputStream in = BadInputTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String text;
            int n = 0;
            while ((text = r.readLine()) != null) {
                n++;
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                String[] c = text.split("\t", -1);
                if (c.length != 5) {
                    throw new IllegalStateException(RESOURCE + " line " + n + ": expected 5 tab-separated columns");
                }
                out.add(new BadInputTable(n, c[0], Integer.parseInt(c[1]), c[2], c[3], c[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The arguments of a {@code cli} or {@code coord} row, escapes decoded; empty for an empty input. */
    public List<String> args() {
        if (input.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(input.split(" ")).map(BadInputTable::unescape).toList();
    }

    /** {@code base} changed as the env column says. */
    public Map<String, String> env(Map<String, String> base) {
        Map<String, String> out = new HashMap<>(base);
        if (!env.equals("-")) {
            for (String change : env.split(";")) {
                if (change.startsWith("-")) {
                    out.remove(change.substring(1));
                } else {
                    int eq = change.indexOf('=');
                    out.put(change.substring(0, eq), unescape(change.substring(eq + 1)));
                }
            }
        }
        return out;
    }

    /** The value of {@code --name} in a coord row's arguments, or null. */
    public String flag(String name) {
        List<String> a = args();
        int i = a.indexOf("--" + name);
        return i < 0 ? null : a.get(i + 1);
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'a' -> b.append('\u0007');
                case '0' -> b.append('\0');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append('\\').append(e);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "line " + line + " (" + front + "): " + input;
    }
}
