package io.outpost.controlplane.log;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Routes java.util.logging records, which libraries such as Netty and JLine write, into
 * {@link Log}, so that they reach the same outputs in the same format as the daemon's own events.
 *
 * <p>Owns the JUL root logger while installed: it replaces the root's handlers (the JDK's
 * default ConsoleHandler would print a second, differently formatted copy to standard error)
 * and sets the root level to match the daemon's threshold, because JUL discards records below a
 * logger's level before any handler sees them. {@link #uninstall()} puts both back.
 *
 * <p>Levels: SEVERE is error, WARNING warn, INFO info, and CONFIG, FINE, FINER, FINEST debug. The
 * component is the JUL logger's name. The event time comes from the daemon's clock, like every
 * other event, rather than from the record.
 */
final class JulBridge extends Handler {

  /** Component of records from anonymous loggers, which have no name. */
  static final String ANONYMOUS_COMPONENT = "jul";

  private final Logger root = Logger.getLogger("");
  private Handler[] displacedHandlers;
  private Level displacedLevel;

  private JulBridge() {
    setLevel(Level.ALL);
    // Only for formatMessage: localisation and {0}-style parameters the way JUL defines them.
    setFormatter(new SimpleFormatter());
  }

  /** Takes over the JUL root logger and lets through what the daemon's {@code threshold} lets through. */
  static JulBridge install(LogLevel threshold) {
    JulBridge bridge = new JulBridge();
    bridge.displacedHandlers = bridge.root.getHandlers();
    bridge.displacedLevel = bridge.root.getLevel();
    for (Handler handler : bridge.displacedHandlers) {
      bridge.root.removeHandler(handler);
    }
    bridge.root.addHandler(bridge);
    bridge.follow(threshold);
    return bridge;
  }

  /** Sets the JUL root level that matches the daemon's new threshold. */
  void follow(LogLevel threshold) {
    root.setLevel(switch (threshold) {
      // FINE, not ALL: FINER and FINEST are tracing, which a debug setting does not ask for.
      case DEBUG -> Level.FINE;
      case INFO -> Level.INFO;
      case WARN -> Level.WARNING;
      case ERROR -> Level.SEVERE;
    });
  }

  /** Gives the JUL root logger back its handlers and level. */
  void uninstall() {
    root.removeHandler(this);
    for (Handler handler : displacedHandlers) {
      root.addHandler(handler);
    }
    root.setLevel(displacedLevel);
  }

  static LogLevel level(Level julLevel) {
    int value = julLevel.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return LogLevel.ERROR;
    }
    if (value >= Level.WARNING.intValue()) {
      return LogLevel.WARN;
    }
    if (value >= Level.INFO.intValue()) {
      return LogLevel.INFO;
    }
    return LogLevel.DEBUG;
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null || !isLoggable(record)) {
      return;
    }
    String name = record.getLoggerName();
    Log log = Log.get(name == null || name.isEmpty() ? ANONYMOUS_COMPONENT : name);
    LogLevel level = level(record.getLevel());
    // Checked here as well as in Log.log so that a record nobody wants is not formatted.
    if (log.isEnabled(level)) {
      log.log(level, getFormatter().formatMessage(record), record.getThrown());
    }
  }

  @Override
  public void flush() {
    // Records are handed on as they come; LogService.flush() flushes the outputs.
  }

  @Override
  public void close() {
    // The outputs belong to LogService. JUL calls this from LogManager.reset() at JVM exit.
  }
}
