package io.outpost.controlplane.log;

/**
 * A logging configuration that cannot be applied, with a reason an operator can act on, such as
 * {@code syslog server "logs.example.invalid": cannot resolve host}. Thrown by
 * {@link LogService#prepare} so that the configuration commit that asked for it fails as a whole.
 */
public final class LogConfigurationException extends Exception {
  private final String host;

  public LogConfigurationException(String message, Throwable cause) {
    this(null, message, cause);
  }

  private LogConfigurationException(String host, String message, Throwable cause) {
    super(message, cause);
    this.host = host;
  }

  /** {@code syslog server "host": reason}, the form every problem with one server is reported in. */
  static LogConfigurationException forServer(String host, String reason, Throwable cause) {
    return new LogConfigurationException(host, "syslog server \"" + host + "\": " + reason, cause);
  }

  /** The syslog server the problem concerns, or null if it concerns none in particular. */
  public String host() {
    return host;
  }
}
