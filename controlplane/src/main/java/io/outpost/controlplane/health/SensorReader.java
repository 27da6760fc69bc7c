package io.outpost.controlplane.health;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a profile's sensors once per poll: hwmon channels and thermal zones from sysfs (under a
 * root directory: {@code /} on an appliance, a directory standing for it in tests), IPMI
 * sensors from one {@code ipmitool sdr} per poll, disks from one {@code smartctl --json -a}
 * each, modules from one {@code ethtool -m} per port. A sensor that cannot be read gets the
 * reason instead of a value; nothing here throws, so one missing sensor or tool never stops the
 * others from being read.
 */
final class SensorReader {
  /** A sensor's reading: a value in its kind's unit, or why there is none. */
  record Reading(BigDecimal value, String failure) {
    static Reading of(BigDecimal value) {
      return new Reading(value, null);
    }

    static Reading failed(String why) {
      return new Reading(null, why);
    }
  }

  private final Path root;
  private final Tools tools;
  private final Map<String, HardwareProfile.Port> ports = new HashMap<>();

  SensorReader(Path root, Tools tools, HardwareProfile profile) {
    this.root = root;
    this.tools = tools;
    profile.ports().forEach(p -> ports.put(p.name(), p));
  }

  /** One poll: every sensor's reading, in the profile's order. */
  Map<String, Reading> readAll(List<HardwareProfile.Sensor> sensors) {
    Poll poll = new Poll();
    Map<String, Reading> out = new LinkedHashMap<>();
    for (HardwareProfile.Sensor s : sensors) {
      Reading r;
      try {
        r = Reading.of(read(s.source(), poll));
      } catch (IOException | RuntimeException e) {
        r = Reading.failed(e.getMessage() == null ? e.toString() : e.getMessage());
      }
      out.put(s.name(), r);
    }
    return out;
  }

  /** What one poll ran: each tool once, its output (or failure) kept for the other sensors. */
  private static final class Poll {
    final Map<List<String>, Object> outputs = new HashMap<>();
    Map<String, IpmiSdr.Entry> sdr;
  }

  private BigDecimal read(HardwareProfile.Source source, Poll poll) throws IOException {
    return switch (source) {
      case HardwareProfile.Hwmon h -> hwmon(h);
      case HardwareProfile.ThermalZone z -> thermalZone(z.type());
      case HardwareProfile.Ipmi i -> ipmi(i.sensor(), poll);
      case HardwareProfile.Disk d -> SmartctlJson.reading(
          tool(List.of("smartctl", "--json", "-a", d.device()), poll, true), d.reading());
      case HardwareProfile.Optic o -> EthtoolModule.reading(
          tool(List.of("ethtool", "-m", device(o.port())), poll, false), o.reading());
    };
  }

  /** {@code ipmitool sdr}'s reading of one sensor. */
  private BigDecimal ipmi(String sensor, Poll poll) throws IOException {
    if (poll.sdr == null) {
      poll.sdr = IpmiSdr.parse(tool(List.of("ipmitool", "sdr"), poll, false));
    }
    IpmiSdr.Entry e = poll.sdr.get(sensor);
    if (e == null) {
      throw new IllegalArgumentException("ipmitool sdr has no sensor \"" + sensor + "\"");
    }
    if (e.value() == null) {
      throw new IllegalArgumentException("ipmitool sdr: \"" + sensor + "\" reads \"" + e.reading()
          + "\" (" + e.status() + ")");
    }
    return e.value();
  }

  /**
   * A tool's standard output, run once per poll. A tool that exits non-zero is a failure, with
   * what it said; smartctl's exit code is a bit mask of findings, and its JSON says the rest,
   * so for it ({@code jsonOnError}) the output is taken whatever the code.
   */
  private String tool(List<String> command, Poll poll, boolean jsonOnError) throws IOException {
    Map<List<String>, Object> outputs = poll.outputs;
    Object cached = outputs.get(command);
    if (cached instanceof IOException e) {
      throw e;
    }
    if (cached != null) {
      return (String) cached;
    }
    try {
      Tools.Output o = tools.run(command);
      if (o.exitCode() != 0 && !(jsonOnError && o.stdout().startsWith("{"))) {
        String said = (o.stderr().isBlank() ? o.stdout() : o.stderr()).strip();
        throw new IOException(command.getFirst() + " exited " + o.exitCode()
            + (said.isEmpty() ? "" : ": " + said.lines().findFirst().orElse("")));
      }
      outputs.put(command, o.stdout());
      return o.stdout();
    } catch (IOException e) {
      outputs.put(command, e);
      throw e;
    }
  }

  private String device(String port) {
    HardwareProfile.Port p = ports.get(port);
    return p == null ? port : p.device();
  }

  /** A hwmon channel's value, scaled from sysfs's integers to the kind's unit. */
  private BigDecimal hwmon(HardwareProfile.Hwmon h) throws IOException {
    Path dir = hwmonDevice(h);
    String channel = h.input() != null ? h.input() : channelLabelled(dir, h.label());
    String raw = Files.readString(dir.resolve(channel + "_input")).strip();
    BigDecimal value = new BigDecimal(raw);
    // temp in millidegrees C, in (voltage) in mV, curr in mA, power in microwatts, fan in RPM
    int scale = channel.startsWith("power") ? 6 : channel.startsWith("fan") ? 0 : 3;
    return value.movePointLeft(scale).round(MathContext.DECIMAL64);
  }

  private Path hwmonDevice(HardwareProfile.Hwmon h) throws IOException {
    Path hwmon = root.resolve("sys/class/hwmon");
    if (!Files.isDirectory(hwmon)) {
      throw new IOException("no hwmon devices (" + hwmon + ")");
    }
    try (DirectoryStream<Path> devices = Files.newDirectoryStream(hwmon, "hwmon*")) {
      for (Path d : sorted(devices)) {
        Path name = d.resolve("name");
        if (Files.exists(name) && Files.readString(name).strip().equals(h.chip())
            && (h.address() == null || address(d).equals(h.address()))) {
          return d;
        }
      }
    }
    throw new IOException("no hwmon device named " + h.chip()
        + (h.address() == null ? "" : " at " + h.address()));
  }

  /** The name the hwmon device's {@code device} link points to ("" when it has none). */
  private static String address(Path hwmonDevice) {
    try {
      return Files.readSymbolicLink(hwmonDevice.resolve("device")).getFileName().toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static String channelLabelled(Path dir, String label) throws IOException {
    try (DirectoryStream<Path> labels = Files.newDirectoryStream(dir, "*_label")) {
      for (Path l : sorted(labels)) {
        if (Files.readString(l).strip().equals(label)) {
          String f = l.getFileName().toString();
          return f.substring(0, f.length() - "_label".length());
        }
      }
    }
    throw new IOException("no channel labelled \"" + label + "\" in " + dir.getFileName());
  }

  private BigDecimal thermalZone(String type) throws IOException {
    Path thermal = root.resolve("sys/class/thermal");
    if (Files.isDirectory(thermal)) {
      try (DirectoryStream<Path> zones = Files.newDirectoryStream(thermal, "thermal_zone*")) {
        for (Path z : sorted(zones)) {
          if (Files.exists(z.resolve("type"))
              && Files.readString(z.resolve("type")).strip().equals(type)) {
            return new BigDecimal(Files.readString(z.resolve("temp")).strip()).movePointLeft(3);
          }
        }
      }
    }
    throw new IOException("no thermal zone of type " + type);
  }

  private static List<Path> sorted(DirectoryStream<Path> paths) {
    List<Path> out = new java.util.ArrayList<>();
    paths.forEach(out::add);
    out.sort(null);
    return out;
  }
}
