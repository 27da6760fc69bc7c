package io.outpost.controlplane.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor against a directory standing for {@code /sys} (hwmon's file layout) and against
 * the tools' recorded outputs (see the fixtures' README: the failures were captured from the
 * real tools, the readings written in their formats): thresholds with hysteresis, alarms raised
 * and cleared, a fan's alarm named after the fan, and sensors that cannot be read becoming
 * alarms of their own while the others go on being read.
 */
class HealthMonitorTest {
  private final List<Alarm> told = new ArrayList<>();
  private final AlarmTable alarms = new AlarmTable(told::add);
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void hysteresisHoldsALevelUntilTheReadingIsBackByIt() {
    HardwareProfile.Thresholds t = new HardwareProfile.Thresholds(new BigDecimal("70"),
        new BigDecimal("60"), new BigDecimal("10"), new BigDecimal("5"), new BigDecimal("2"));
    Level level = Level.OK;
    String[] readings = {"59.9", "60", "69.9", "70", "68.1", "68", "58.1", "58", "10", "5",
        "6.9", "7", "12", "11.9"};
    Level[] expected = {Level.OK, Level.WARNING, Level.WARNING, Level.CRITICAL, Level.CRITICAL,
        Level.WARNING, Level.WARNING, Level.OK, Level.WARNING, Level.CRITICAL, Level.CRITICAL,
        Level.WARNING, Level.OK, Level.OK};
    for (int i = 0; i < readings.length; i++) {
      level = Level.of(new BigDecimal(readings[i]), t, level);
      assertEquals(expected[i], level, "reading " + readings[i]);
    }
  }

  @Test
  void hwmonReadingsRaiseAndClearAlarmsAndAMissingChannelIsAnAlarmOfItsOwn(@TempDir Path root)
      throws Exception {
    HardwareProfile lab = HardwareProfiles.builtIn().named("netns-lab").orElseThrow();
    Path hwmon = Files.createDirectories(root.resolve("sys/class/hwmon/hwmon3"));
    Files.writeString(hwmon.resolve("name"), "outpost_lab\n");
    Files.writeString(hwmon.resolve("temp1_label"), "Lab board\n");
    Files.createDirectories(root.resolve("sys/class/hwmon/hwmon0"));
    Files.writeString(root.resolve("sys/class/hwmon/hwmon0/name"), "acpitz\n");
    HealthMonitor monitor = new HealthMonitor(lab, root, noTools(), alarms, clock);

    set(hwmon, "temp1_input", 45000);
    set(hwmon, "fan1_input", 2500);
    monitor.poll();
    assertEquals(List.of(), alarms.active());
    assertEquals(new BigDecimal("45"), monitor.status().getFirst().value().stripTrailingZeros());

    set(hwmon, "temp1_input", 71500);
    set(hwmon, "fan1_input", 450);
    monitor.poll();
    assertEquals(List.of("sensor Lab board critical Lab board 71.5 C, at or above its critical"
        + " threshold 70", "fan FAN1 critical fan FAN1: Lab fan 450 RPM, at or below its"
        + " critical threshold 500"), describe(alarms.active()));

    set(hwmon, "temp1_input", 68500); // inside the threshold, not yet by the hysteresis
    set(hwmon, "fan1_input", 2500);
    monitor.poll();
    assertEquals(List.of("sensor Lab board critical Lab board 68.5 C, at or above its critical"
        + " threshold 70 (clears below 68)"), describe(alarms.active()));

    set(hwmon, "temp1_input", 50000);
    Files.delete(hwmon.resolve("fan1_input"));
    monitor.poll();
    assertEquals(List.of("fan FAN1 major fan FAN1: sensor Lab fan cannot be read (hwmon"
        + " outpost_lab fan1): " + hwmon.resolve("fan1_input")), describe(alarms.active()));
    assertEquals(Level.OK, monitor.status().getFirst().level(), "the other sensor is read");
    assertEquals(Level.FAILED, monitor.status().get(1).level());
    List<String> history = describe(alarms.recent());
    assertEquals("fan FAN1 major fan FAN1: sensor Lab fan cannot be read (hwmon outpost_lab"
        + " fan1): " + hwmon.resolve("fan1_input"), history.getFirst());
    assertTrue(told.stream().anyMatch(a -> !a.active() && a.resource().equals("sensor Lab board")),
        "the board's alarm was cleared and the listener told");
  }

  @Test
  void ipmiDisksAndOpticsAreReadFromTheirToolsOncePerPoll() throws Exception {
    HardwareProfile p = HardwareProfiles.read(HardwareProfiles.schema(), "x.json", profile("""
        "port": [{"name": "swp1", "device": "swp1", "speed": 100000, "optic": true},
                 {"name": "swp2", "device": "swp2", "speed": 100000, "optic": true}],
        "sensor": [
          {"name": "CPU", "kind": "temperature", "ipmi-sensor": "CPU Temp",
           "thresholds": {"warning-high": "80", "critical-high": "90"}},
          {"name": "12V", "kind": "voltage", "ipmi-sensor": "12V",
           "thresholds": {"warning-low": "12.2", "hysteresis": "0.1"}},
          {"name": "Fan 2", "kind": "fan-speed", "ipmi-sensor": "FAN2"},
          {"name": "PSU state", "kind": "voltage", "ipmi-sensor": "PS1 Status"},
          {"name": "nvme temp", "kind": "temperature", "disk": {"device": "/dev/nvme0"},
           "thresholds": {"warning-high": "70"}},
          {"name": "nvme wear", "kind": "wear",
           "disk": {"device": "/dev/nvme0", "reading": "wear"},
           "thresholds": {"warning-high": "80"}},
          {"name": "vda temp", "kind": "temperature", "disk": {"device": "/dev/vda"}},
          {"name": "swp1 rx", "kind": "optical-power",
           "optic": {"port": "swp1", "reading": "rx-power"},
           "thresholds": {"warning-low": "-10", "critical-low": "-14", "hysteresis": "0.5"}},
          {"name": "swp1 temp", "kind": "temperature",
           "optic": {"port": "swp1", "reading": "temperature"},
           "thresholds": {"warning-high": "70"}},
          {"name": "swp2 rx", "kind": "optical-power",
           "optic": {"port": "swp2", "reading": "rx-power"}}]"""));
    Map<String, Tools.Output> outputs = Map.of(
        "ipmitool sdr", new Tools.Output(0, fixture("ipmitool-sdr.txt"), ""),
        "smartctl --json -a /dev/nvme0", new Tools.Output(0, fixture("smartctl-nvme.json"), ""),
        "smartctl --json -a /dev/vda",
        new Tools.Output(1, fixture("smartctl-vda-undetected.json"), ""),
        "ethtool -m swp1", new Tools.Output(0, fixture("ethtool-m-qsfp28.txt"), ""),
        "ethtool -m swp2", new Tools.Output(1, "", fixture("ethtool-m-veth.stderr")));
    Map<String, Integer> runs = new HashMap<>();
    Tools recorded = command -> {
      String key = String.join(" ", command);
      runs.merge(key, 1, Integer::sum);
      Tools.Output o = outputs.get(key);
      if (o == null) {
        throw new IOException("Cannot run program \"" + command.getFirst() + "\"");
      }
      return o;
    };
    HealthMonitor monitor = new HealthMonitor(p, Path.of("/nonexistent"), recorded, alarms,
        clock);
    monitor.poll();
    Map<String, String> shown = new HashMap<>();
    for (HealthMonitor.SensorStatus s : monitor.status()) {
      shown.put(s.sensor().name(), s.level() + " " + HealthMonitor.plain(s.value())
          + (s.failure() == null ? "" : " " + s.failure()));
    }
    assertEquals(Map.of(
        "CPU", "OK 45",
        "12V", "WARNING 12.19",
        "Fan 2", "FAILED - ipmitool sdr: \"FAN2\" reads \"no reading\" (ns)",
        "PSU state", "FAILED - ipmitool sdr: \"PS1 Status\" reads \"0x01\" (ok)",
        "nvme temp", "OK 41",
        "nvme wear", "OK 3",
        "vda temp", "FAILED - smartctl: /dev/vda: Unable to detect device type",
        "swp1 rx", "WARNING -13.85",
        "swp1 temp", "OK 35.43",
        "swp2 rx", "FAILED - ethtool exited 1: netlink error: Operation not supported"), shown);
    assertEquals(Map.of("ipmitool sdr", 1, "smartctl --json -a /dev/nvme0", 1,
        "smartctl --json -a /dev/vda", 1, "ethtool -m swp1", 1, "ethtool -m swp2", 1), runs,
        "each tool once per poll, whatever the number of its sensors");
    assertEquals(6, alarms.active().size(), describe(alarms.active()).toString());
  }

  @Test
  void aMachineWithoutTheToolsOrTheBmcHasFailedSensorsAndAMonitorThatGoesOn() throws Exception {
    HardwareProfile generic = HardwareProfiles.builtIn().named("generic-x86-1u").orElseThrow();
    Tools noBmc = command -> command.getFirst().equals("ipmitool")
        ? new Tools.Output(1, "", fixture("ipmitool-no-bmc.stderr"))
        : new Tools.Output(1, fixture("smartctl-vda-undetected.json"), "");
    HealthMonitor monitor = new HealthMonitor(generic, Path.of("/nonexistent"), noBmc, alarms,
        clock);
    monitor.poll();
    monitor.poll();
    assertEquals(generic.sensors().size(), monitor.status().size());
    assertTrue(monitor.status().stream().allMatch(s -> s.level() == Level.FAILED));
    assertTrue(monitor.status().get(1).failure().startsWith("ipmitool exited 1: Could not open"
        + " device at /dev/ipmi0"), monitor.status().get(1).failure());
    assertEquals(generic.sensors().size(), alarms.active().size(), "one alarm per sensor");
    assertEquals(generic.sensors().size(), told.size(), "raised once, not again per poll");
  }

  private static void set(Path dir, String file, int value) throws IOException {
    Files.writeString(dir.resolve(file), value + "\n");
  }

  private static Tools noTools() {
    return command -> {
      throw new IOException("no tools in this test");
    };
  }

  private static List<String> describe(List<Alarm> list) {
    return list.stream().map(a -> a.resource() + " " + a.severity().word() + " " + a.text())
        .toList();
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = HealthMonitorTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String profile(String members) {
    return "{\"outpost-hw-profile:hardware-profile\": {\"name\": \"x\", \"identity\":"
        + " {\"vendor\": \"V\", \"model\": \"M\", \"platform\": \"x86_64-v_m-r0\"},"
        + " \"console\": {\"device\": \"ttyS0\"}, \"boot-device\": {\"device\": \"/dev/vda\"}, "
        + members + "}}";
  }
}
