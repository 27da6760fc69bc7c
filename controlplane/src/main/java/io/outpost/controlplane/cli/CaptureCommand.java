package io.outpost.controlplane.cli;

import io.outpost.controlplane.forwarding.DataplaneService;
import io.outpost.dataplane.capture.CaptureException;
import io.outpost.dataplane.capture.PortCapture;
import io.outpost.dataplane.tap.PortTakeover;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code capture interface eth1 [count N] [filter "BPF"] [seconds N] [file PATH]}: writes what an
 * interface receives and sends to a pcap file, as tcpdump would, bounded by a packet count and a time
 * limit so a forgotten capture always ends. For a data-plane port it opens the physical device
 * and, for as long as it runs, sends the port's transmitted frames through the kernel's
 * queueing layer, where libpcap sees them (they normally bypass it); for another interface,
 * the interface itself. Files
 * are new files under /var/tmp or /tmp only (the daemon writes as root).
 */
final class CaptureCommand {
  static final int DEFAULT_COUNT = 100;
  static final int DEFAULT_SECONDS = 10;
  static final int MAX_SECONDS = 300;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(java.time.ZoneOffset.UTC);

  private CaptureCommand() {}

  static Command command() {
    return Command.leaf("capture", "Write what an interface receives and sends to a pcap file (as tcpdump)",
        CaptureCommand::run).withTail(new Command.Options(List.of(
            new Command.Option("interface", "The interface (a data-plane port or any other)",
                "<name>", false),
            new Command.Option("count", "Stop after this many packets (default 100)", "<n>", false),
            new Command.Option("filter", "A BPF filter, as tcpdump takes: \"icmp or arp\"",
                "<expression>", false),
            new Command.Option("seconds", "Stop after this long (default 10, at most 300)", "<n>",
                false),
            new Command.Option("file", "The pcap file to write (default under /var/tmp)", "<path>",
                false))));
  }

  private static Shown run(CliSession s, Args a) throws CliError {
    Map<String, String> o = a.options();
    String name = o.get("interface");
    if (name == null) {
      throw new CliError("capture needs an interface: capture interface <name>", a.lineIndex(0));
    }
    int count = number(o, "count", DEFAULT_COUNT, Integer.MAX_VALUE, a);
    int seconds = number(o, "seconds", DEFAULT_SECONDS, MAX_SECONDS, a);
    String filter = o.getOrDefault("filter", "");
    Path file = Path.of(o.getOrDefault("file", "/var/tmp/outpost-capture-" + name + "-"
        + STAMP.format(s.services().clock().instant()) + ".pcap"));
    checkFile(file, a);
    String device = device(s.services().dataplane(), name);
    try (var transmitted = s.services().dataplane().transmitVisibleToTaps(name)) {
      PortCapture.Result r = PortCapture.capture(device, filter, count, Duration.ofSeconds(seconds),
          file);
      return Shown.text(r.packets() + (r.packets() == 1 ? " packet" : " packets") + " from "
          + device + " written to " + r.file() + (r.timeLimitReached() ? " (time limit of "
          + seconds + " s reached)" : "") + "\n");
    } catch (CaptureException e) {
      throw new CliError(e.getMessage(), a.lineIndex(0));
    }
  }

  /**
   * The daemon writes as root on behalf of anyone allowed on the CLI socket, so it writes only
   * new files, and only under the temporary directories.
   */
  private static void checkFile(Path file, Args a) throws CliError {
    Path p = file.toAbsolutePath().normalize();
    if (!(p.startsWith("/var/tmp") || p.startsWith("/tmp")) || p.getNameCount() < 2) {
      throw new CliError("file must be under /var/tmp or /tmp: " + file, a.lineIndex(0));
    }
    if (java.nio.file.Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new CliError("file exists; captures never overwrite: " + file, a.lineIndex(0));
    }
  }

  /** The device that carries what {@code name} receives. */
  static String device(DataplaneService dataplane, String name) {
    boolean port = dataplane.current().map(r -> r.config().ports().contains(name)).orElse(false);
    return port ? PortTakeover.PREFIX + name : name;
  }

  static int number(Map<String, String> o, String key, int otherwise, int max, Args a)
      throws CliError {
    String v = o.get(key);
    if (v == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CliError(key + " must be a whole number from 1 to " + max + ": " + v, a.lineIndex(0));
  }
}
