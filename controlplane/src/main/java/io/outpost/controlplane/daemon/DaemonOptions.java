package io.outpost.controlplane.daemon;

import io.outpost.controlplane.log.LogFormat;
import java.nio.file.Path;

/**
 * The command line of {@code outpostd}.
 *
 * @param stateDir where the configuration, its history and the daemon's lock live
 * @param socket the CLI socket (default {@code <state-dir>/outpost.sock})
 * @param logFormat the format of log lines until the configuration says otherwise
 * @param hardwareRoot the directory the hardware is read under ({@code /sys}, ONIE's
 *     {@code /host}): {@code /}, or a directory standing for it in the lab
 */
public record DaemonOptions(Path stateDir, Path socket, LogFormat logFormat, Path hardwareRoot) {
  public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/outpost");

  static final String USAGE = """
      usage: outpostd [--state-dir DIR] [--socket PATH] [--log-format logfmt|json]
                      [--hardware-root DIR]
        --state-dir DIR    configuration, history and lock (default /var/lib/outpost)
        --socket PATH      the CLI socket (default <state-dir>/outpost.sock)
        --log-format FMT   log format until the configuration sets system logging format
        --hardware-root DIR  read sensors and platform strings under DIR instead of /
                           (a directory standing for /sys, for the lab and tests)
        --version          print the version and exit
      """;

  /** Thrown for a command line that does not parse; the message says why. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static DaemonOptions parse(String[] args) throws UsageException {
    Path stateDir = DEFAULT_STATE_DIR;
    Path socket = null;
    LogFormat format = LogFormat.LOGFMT;
    Path hardwareRoot = Path.of("/");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--state-dir" -> stateDir = Path.of(value(args, ++i, a));
        case "--socket" -> socket = Path.of(value(args, ++i, a));
        case "--hardware-root" -> hardwareRoot = Path.of(value(args, ++i, a));
        case "--log-format" -> {
          String f = value(args, ++i, a);
          format = switch (f) {
            case "logfmt" -> LogFormat.LOGFMT;
            case "json" -> LogFormat.JSON;
            default -> throw new UsageException("--log-format takes logfmt or json, not " + f);
          };
        }
        default -> throw new UsageException("unknown argument " + a);
      }
    }
    return new DaemonOptions(stateDir, socket != null ? socket : stateDir.resolve("outpost.sock"), format,
        hardwareRoot);
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }
}
