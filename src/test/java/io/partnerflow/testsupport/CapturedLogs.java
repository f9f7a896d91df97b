package io.partnerflow.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one class logged while a test ran (Logback), so a test can assert that an operator would
 * see a warning. Close it (try-with-resources or {@code @AfterEach}) to detach it.
 */
public final class CapturedLogs implements AutoCloseable {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLogs(Class<?> source) {
    this.logger = (Logger) LoggerFactory.getLogger(source);
    appender.start();
    logger.addAppender(appender);
  }

  public static CapturedLogs of(Class<?> source) {
    return new CapturedLogs(source);
  }

  /** The formatted messages logged at WARN, oldest first. */
  public List<String> warnings() {
    return atLevel(Level.WARN);
  }

  public List<String> atLevel(Level level) {
    synchronized (appender) { // AppenderBase.doAppend appends under this lock
      return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
