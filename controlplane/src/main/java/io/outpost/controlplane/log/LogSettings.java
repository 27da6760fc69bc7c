package io.outpost.controlplane.log;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The logging part of the appliance configuration.
 *
 * @param format       the line format of the stdout sink
 * @param minimumLevel the lowest level written to stdout; each syslog target has its own
 * @param targets      the syslog servers, each endpoint (host, port, transport) at most once
 */
public record LogSettings(LogFormat format, LogLevel minimumLevel, List<SyslogTarget> targets) {

  public LogSettings {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(minimumLevel, "minimumLevel");
    targets = List.copyOf(targets);
    Set<SyslogEndpoint> seen = new HashSet<>();
    for (SyslogTarget target : targets) {
      if (!seen.add(target.endpoint())) {
        throw new IllegalArgumentException("syslog server " + target.endpoint() + " is listed twice");
      }
    }
  }

  /** Settings with no syslog servers. */
  public static LogSettings stdoutOnly(LogFormat format, LogLevel minimumLevel) {
    return new LogSettings(format, minimumLevel, List.of());
  }

  /** The lowest level any output wants: events below it are discarded before they are built. */
  LogLevel threshold() {
    LogLevel lowest = minimumLevel;
    for (SyslogTarget target : targets) {
      if (!target.minimumLevel().atLeast(lowest)) {
        lowest = target.minimumLevel();
      }
    }
    return lowest;
  }
}
