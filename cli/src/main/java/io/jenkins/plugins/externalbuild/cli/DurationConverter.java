package io.jenkins.plugins.externalbuild.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations on the command line: {@code 45} (minutes, like the Pipeline steps' {@code timeout}), {@code 90s},
 * {@code 45m}, {@code 2h}, {@code 500ms}, or ISO-8601 ({@code PT45M}).
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    /** Longer than any wait or pause makes sense (and clocks can add it without overflow). */
    static final Duration MAX = Duration.ofDays(366);

    private static CommandLine.TypeConversionException tooLong(String value) {
        return new CommandLine.TypeConversionException("'" + value + "' is longer than a year (366 days)");
    }

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(v);
        Duration d;
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "m" : m.group(2);
                d = switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                throw tooLong(value);
            }
        } else {
            try {
                d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a duration: use 45 (minutes), 90s, 45m, 2h, 500ms or PT45M");
            }
        }
        if (d.compareTo(MAX) > 0) {
            throw tooLong(value);
        }
        if (d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
        }
        return d;
    }
}
