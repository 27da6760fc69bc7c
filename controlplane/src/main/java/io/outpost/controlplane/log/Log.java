package io.outpost.controlplane.log;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logger of one component of {@code outpostd}: {@code Log.get("datastore")}. Components keep
 * one in a static field and call it from any thread.
 *
 * <pre>{@code
 * LOG.info("commit complete", "commit", 17, "user", "root");
 * LOG.warn("peer down", cause, "peer", address);
 * }</pre>
 *
 * <p>Key-values alternate, name then value; values keep their type (numbers and booleans stay
 * unquoted in JSON). A call below the configured level costs one volatile read and returns,
 * apart from the varargs array the call site builds; guard a call on a hot path with
 * {@link #isEnabled} when building its arguments costs something. Logging never blocks on a
 * syslog server and never throws.
 *
 * <p>Where events go is decided by {@link LogService}; before it is installed, info and above go
 * to standard error.
 */
public final class Log {

  private static final ConcurrentHashMap<String, Log> LOGS = new ConcurrentHashMap<>();

  private final String component;

  private Log(String component) {
    this.component = component;
  }

  /** The logger of {@code component}; one instance per name. */
  public static Log get(String component) {
    Objects.requireNonNull(component, "component");
    return LOGS.computeIfAbsent(component, Log::new);
  }

  public String component() {
    return component;
  }

  /** Whether an event at {@code level} would reach at least one output. */
  public boolean isEnabled(LogLevel level) {
    return level.atLeast(LogDispatch.current().threshold());
  }

  public void debug(String message, Object... keyValues) {
    log(LogLevel.DEBUG, message, null, keyValues);
  }

  public void debug(String message, Throwable error, Object... keyValues) {
    log(LogLevel.DEBUG, message, error, keyValues);
  }

  public void info(String message, Object... keyValues) {
    log(LogLevel.INFO, message, null, keyValues);
  }

  public void info(String message, Throwable error, Object... keyValues) {
    log(LogLevel.INFO, message, error, keyValues);
  }

  public void warn(String message, Object... keyValues) {
    log(LogLevel.WARN, message, null, keyValues);
  }

  public void warn(String message, Throwable error, Object... keyValues) {
    log(LogLevel.WARN, message, error, keyValues);
  }

  public void error(String message, Object... keyValues) {
    log(LogLevel.ERROR, message, null, keyValues);
  }

  public void error(String message, Throwable error, Object... keyValues) {
    log(LogLevel.ERROR, message, error, keyValues);
  }

  /** Logs at a level chosen at run time; {@code error} may be null. */
  public void log(LogLevel level, String message, Throwable error, Object... keyValues) {
    ActiveOutputs outputs = LogDispatch.current();
    if (level.atLeast(outputs.threshold())) {
      outputs.dispatch(LogEvent.of(outputs.clock().instant(), level, component, message, error, keyValues));
    }
  }
}
