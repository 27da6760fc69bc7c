package io.outpost.controlplane.system;

import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.config.DataPath;
import io.outpost.controlplane.log.LogFormat;
import io.outpost.controlplane.log.LogLevel;
import io.outpost.controlplane.log.LogSettings;
import io.outpost.controlplane.log.SyslogFacility;
import io.outpost.controlplane.log.SyslogTarget;
import io.outpost.controlplane.log.SyslogTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The typed form of {@code /outpost-system:system}: the host name and the log settings.
 *
 * @param targetPaths the configuration path of each syslog target, for error messages
 */
public record SystemConfig(String hostName, LogSettings logging, List<DataPath> targetPaths) {

  public static SystemConfig from(ConfigTree tree) {
    ConfigView system = ConfigView.top(tree, "system");
    ConfigView logging = system.container("logging");
    List<SyslogTarget> targets = new ArrayList<>();
    List<DataPath> paths = new ArrayList<>();
    for (ConfigView server : logging.list("syslog-server")) {
      targets.add(new SyslogTarget(
          server.string("host"),
          (int) server.number("port"),
          SyslogTransport.valueOf(server.string("transport").toUpperCase(Locale.ROOT)),
          SyslogFacility.valueOf(server.string("facility").toUpperCase(Locale.ROOT)),
          level(server.string("level"))));
      paths.add(server.path());
    }
    LogSettings settings = new LogSettings(
        LogFormat.valueOf(logging.string("format").toUpperCase(Locale.ROOT)),
        level(logging.string("level")),
        targets);
    return new SystemConfig(system.string("host-name"), settings, paths);
  }

  /** The YANG log-level enum ("warning") to the logger's levels. */
  static LogLevel level(String yang) {
    return switch (yang) {
      case "debug" -> LogLevel.DEBUG;
      case "info" -> LogLevel.INFO;
      case "warning" -> LogLevel.WARN;
      case "error" -> LogLevel.ERROR;
      default -> throw new IllegalArgumentException("log level " + yang);
    };
  }
}
