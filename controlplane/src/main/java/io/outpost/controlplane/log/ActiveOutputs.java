package io.outpost.controlplane.log;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * An immutable snapshot of where log events go: the stdout sink with its format and level, the
 * syslog routes, the clock and the host-name. {@link LogService} publishes a new snapshot for
 * every change, so a thread that logs reads one consistent configuration through one volatile
 * read ({@link LogDispatch#current()}) and never takes a lock.
 *
 * @param threshold     the lowest level any output wants; {@link Log} discards events below it
 *                      before building them
 * @param clock         stamps events
 * @param stdout        the stdout sink
 * @param format        the line format of the stdout sink
 * @param stdoutMinimum the lowest level written to stdout
 * @param encoder       encodes syslog messages with the current host-name
 * @param routes        the syslog targets with their senders, in configuration order
 */
record ActiveOutputs(LogLevel threshold, Clock clock, PrintStream stdout, LogFormat format, LogLevel stdoutMinimum,
           Rfc5424Encoder encoder, List<Route> routes) {

  /** One configured syslog target and the sender that serves its endpoint. */
  record Route(SyslogTarget target, SyslogSender sender) {
  }

  ActiveOutputs {
    routes = List.copyOf(routes);
  }

  /**
   * Where events go while no {@link LogService} is installed (early start-up, after close):
   * info and above as logfmt to standard error, so that nothing the daemon says before its
   * configuration is read, or while it stops, is lost.
   */
  static ActiveOutputs beforeInstall() {
    return new ActiveOutputs(LogLevel.INFO, Clock.systemUTC(), System.err, LogFormat.LOGFMT, LogLevel.INFO,
        new Rfc5424Encoder("-"), List.of());
  }

  static ActiveOutputs of(LogSettings settings, Clock clock, PrintStream stdout, String hostname, List<Route> routes) {
    return new ActiveOutputs(settings.threshold(), clock, stdout, settings.format(), settings.minimumLevel(),
        new Rfc5424Encoder(hostname), routes);
  }

  /** Writes the event to every output whose level it reaches. */
  void dispatch(LogEvent event) {
    if (event.level().atLeast(stdoutMinimum)) {
      StringBuilder line = new StringBuilder(160);
      format.formatter().format(event, line);
      // Bytes, not print(String): the line is UTF-8 whatever the platform's stdout encoding,
      // and one write call keeps concurrent lines from interleaving.
      byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
      stdout.write(bytes, 0, bytes.length);
    }
    byte[] afterPri = null;
    for (Route route : routes) {
      if (event.level().atLeast(route.target().minimumLevel())) {
        if (afterPri == null) {
          afterPri = encoder.encodeAfterPri(event);
        }
        route.sender().send(Rfc5424Encoder.priority(route.target().facility(), event.level()), afterPri);
      }
    }
  }
}
