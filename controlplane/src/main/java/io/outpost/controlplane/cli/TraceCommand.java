package io.outpost.controlplane.cli;

import io.outpost.controlplane.forwarding.DataplaneService;
import io.outpost.controlplane.forwarding.TraceReport;
import io.outpost.dataplane.pipeline.PacketTrace;
import io.outpost.dataplane.pipeline.TraceRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code trace [interface PORT] [count N] [seconds N]}: records the next packets the data
 * plane receives (on one port, or any) as they go through the pipeline, and shows each: what
 * arrived, the stages it passed and how it ended. Tracing is off the rest of the time; it is
 * bounded by the count and the time limit like {@code capture}.
 */
final class TraceCommand {
  static final int DEFAULT_COUNT = 10;
  static final int DEFAULT_SECONDS = 10;
  static final int MAX_SECONDS = 60;

  private TraceCommand() {}

  static Command command() {
    return Command.leaf("trace", "Trace packets through the data plane, stage by stage",
        TraceCommand::run).withTail(new Command.Options(List.of(
            new Command.Option("interface", "Only packets arriving on this data-plane port",
                "<port>", false),
            new Command.Option("count", "How many packets (default 10, at most "
                + PacketTrace.MAX_RECORDS + ")", "<n>", false),
            new Command.Option("seconds", "Stop waiting after this long (default 10, at most 60)",
                "<n>", false))));
  }

  private static Shown run(CliSession s, Args a) throws CliError {
    Map<String, String> o = a.options();
    DataplaneService dataplane = s.services().dataplane();
    var current = dataplane.current().orElseThrow(() -> new CliError(
        "the data plane is not running: configure 'dataplane port <interface>'", a.lineIndex(0)));
    List<String> ports = current.config().ports();
    int port = -1;
    String name = o.get("interface");
    if (name != null) {
      port = ports.indexOf(name);
      if (port < 0) {
        throw new CliError("not a data-plane port: " + name + " (ports: " + String.join(", ",
            ports) + ")", a.lineIndex(0));
      }
    }
    int count = CaptureCommand.number(o, "count", DEFAULT_COUNT, PacketTrace.MAX_RECORDS, a);
    int seconds = CaptureCommand.number(o, "seconds", DEFAULT_SECONDS, MAX_SECONDS, a);
    try {
      List<TraceRecord> records = dataplane.trace(count, port, Duration.ofSeconds(seconds));
      return Shown.text(TraceReport.render(records, ports,
          current.dataplane().interfaceNames()));
    } catch (IllegalStateException e) {
      throw new CliError(e.getMessage(), a.lineIndex(0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliError("trace interrupted", a.lineIndex(0));
    }
  }
}
