package io.jenkins.plugins.externalbuild.provider;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records everything logged under {@code io.jenkins.plugins.externalbuild} at {@link Level#ALL} during one test,
 * so that tests can assert no secret reaches a log record. Use with {@code @RegisterExtension}.
 */
public final class LogCapture extends Handler implements BeforeEachCallback, AfterEachCallback {

    private static final Logger ROOT = Logger.getLogger("io.jenkins.plugins.externalbuild");

    private final List<LogRecord> records = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private Level previous;

    public LogCapture() {
        setLevel(Level.ALL);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        previous = ROOT.getLevel();
        ROOT.setLevel(Level.ALL);
        ROOT.addHandler(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ROOT.removeHandler(this);
        ROOT.setLevel(previous);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Every record as text: formatted message, parameters and thrown stack trace. */
    public synchronized String text() {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : records) {
            sb.append(r.getLevel()).append(' ').append(formatter.formatMessage(r)).append('\n');
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    sb.append("  param ").append(p).append('\n');
                }
            }
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                sb.append(w).append('\n');
            }
        }
        return sb.toString();
    }
}
