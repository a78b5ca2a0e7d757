package io.dpnet.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * What one class logs at WARN and above while it is open, for tests that check a warning: log4j's console appender
 * writes to the stream it found when it started, so capturing System.err would not see it.
 */
public final class LogLines extends AbstractAppender implements AutoCloseable {
    private final Logger logger;
    private final List<String> lines = new ArrayList<>();

    private LogLines(Class<?> source) {
        super("test-" + source.getSimpleName(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = (Logger) LogManager.getLogger(source);
        start();
        logger.addAppender(this);
    }

    /** Starts capturing what {@code source} logs. */
    public static LogLines of(Class<?> source) {
        return new LogLines(source);
    }

    @Override
    public synchronized void append(LogEvent event) {
        if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
            lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
        }
    }

    /** The lines captured so far, e.g. {@code "WARN skipping checkpoint ..."}. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
    }
}
