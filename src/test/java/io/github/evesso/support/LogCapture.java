package io.github.evesso.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Records every {@code java.util.logging} record that reaches the root logger (Tomcat's and the library's) while
 * open, in every thread. {@link #entries()} gives each record as the text a log file would hold: logger, level,
 * message and the full stack trace of its exception, so that a test can check what a log says, and that a secret
 * never appears in it.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final List<LogRecord> records = new ArrayList<>();
    private final Formatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    /** Starts capturing. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** The captured records, in order. */
    public List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** Each record as it would appear in a log file, including its exception's stack trace and causes. */
    public List<String> entries() {
        return records().stream().map(this::entry).toList();
    }

    /** Every entry joined: the whole log. */
    public String text() {
        return String.join("\n", entries());
    }

    private String entry(LogRecord r) {
        StringBuilder s = new StringBuilder(r.getLoggerName()).append(' ').append(r.getLevel()).append(": ")
                .append(formatter.formatMessage(r));
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            s.append('\n').append(trace);
        }
        return s.toString();
    }

    /** Stops capturing. */
    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
