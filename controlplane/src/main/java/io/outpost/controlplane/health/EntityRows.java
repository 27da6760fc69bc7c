package io.outpost.controlplane.health;

import io.outpost.snmp.source.EntitySource;
import io.outpost.snmp.source.PhysicalEntity;
import io.outpost.snmp.source.SensorRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The hardware profile in use as ENTITY-MIB's physical entities, and the health monitor's last
 * readings as ENTITY-SENSOR-MIB's sensors. Indexes are fixed by the profile, so they stay the
 * same across restarts: the chassis is 1, power supplies 100 and up, fans 200 and up, ports
 * 1000 and up, sensors 2000 and up, each in the profile's order. A sensor belongs to the fan or
 * power supply that names it, else to the chassis.
 */
public final class EntityRows implements EntitySource {
  static final int CHASSIS = 1;
  static final int FIRST_PSU = 100;
  static final int FIRST_FAN = 200;
  static final int FIRST_PORT = 1000;
  public static final int FIRST_SENSOR = 2000;

  private final HealthSubsystem health;
  private final String software;
  private final ToLongFunction<Instant> uptimeAt;

  /**
   * @param software the running software's version, for the chassis
   * @param uptimeAt the agent's sysUpTime (hundredths of a second) at an instant
   */
  public EntityRows(HealthSubsystem health, String software, ToLongFunction<Instant> uptimeAt) {
    this.health = health;
    this.software = software;
    this.uptimeAt = uptimeAt;
  }

  @Override
  public List<PhysicalEntity> entities() {
    HealthMonitor m = health.monitor();
    if (m == null) {
      return List.of();
    }
    HardwareProfile p = m.profile();
    List<PhysicalEntity> out = new ArrayList<>();
    out.add(new PhysicalEntity(CHASSIS, p.description(), 0, 3, -1, p.name(), "", software, "",
        p.identity().vendor(), p.identity().model(), false));
    for (int i = 0; i < p.psus().size(); i++) {
      out.add(new PhysicalEntity(FIRST_PSU + i, "Power supply " + p.psus().get(i).name(),
          CHASSIS, 6, i + 1, p.psus().get(i).name(), "", "", "", "", "", true));
    }
    for (int i = 0; i < p.fans().size(); i++) {
      HardwareProfile.Fan f = p.fans().get(i);
      out.add(new PhysicalEntity(FIRST_FAN + i, "Fan " + f.name() + (f.tray() == null ? ""
          : " in " + f.tray()), CHASSIS, 7, i + 1, f.name(), "", "", "", "", "", true));
    }
    for (int i = 0; i < p.ports().size(); i++) {
      HardwareProfile.Port port = p.ports().get(i);
      out.add(new PhysicalEntity(FIRST_PORT + i, port.label() == null ? port.name()
          : port.label(), CHASSIS, 10, i + 1, port.name(), "", "", "", "", "", false));
    }
    Map<String, Integer> parents = parents(p);
    for (int i = 0; i < p.sensors().size(); i++) {
      HardwareProfile.Sensor s = p.sensors().get(i);
      out.add(new PhysicalEntity(FIRST_SENSOR + i, s.kind().name().toLowerCase(
          java.util.Locale.ROOT).replace('_', ' ') + " sensor " + s.name() + " ("
          + s.source().describe() + ")", parents.getOrDefault(s.name(), CHASSIS), 8, i + 1,
          s.name(), "", "", "", "", "", false));
    }
    return out;
  }

  /**
   * The entPhysicalIndex of the sensor an alarm is about ("sensor NAME", or "fan NAME" for the
   * fan's speed sensor), or 0 when it is about none.
   */
  public static int sensorOf(HealthSubsystem health, String resource) {
    HealthMonitor m = health.monitor();
    if (m == null) {
      return 0;
    }
    HardwareProfile p = m.profile();
    String sensor = resource.startsWith("sensor ") ? resource.substring(7) : null;
    if (resource.startsWith("fan ")) {
      String fan = resource.substring(4);
      sensor = p.fans().stream().filter(f -> f.name().equals(fan)).map(HardwareProfile.Fan::sensor)
          .findFirst().orElse(null);
    }
    for (int i = 0; i < p.sensors().size(); i++) {
      if (p.sensors().get(i).name().equals(sensor)) {
        return FIRST_SENSOR + i;
      }
    }
    return 0;
  }

  /** The fan or power supply each sensor belongs to, by the sensor's name. */
  private static Map<String, Integer> parents(HardwareProfile p) {
    Map<String, Integer> parent = new HashMap<>();
    for (int i = 0; i < p.fans().size(); i++) {
      parent.put(p.fans().get(i).sensor(), FIRST_FAN + i);
    }
    for (int i = 0; i < p.psus().size(); i++) {
      for (String s : p.psus().get(i).sensors()) {
        parent.put(s, FIRST_PSU + i);
      }
    }
    return parent;
  }

  @Override
  public List<SensorRow> sensors() {
    HealthMonitor m = health.monitor();
    if (m == null) {
      return List.of();
    }
    List<HardwareProfile.Sensor> sensors = m.profile().sensors();
    long rateMillis = health.pollIntervalSeconds() * 1000;
    List<SensorRow> out = new ArrayList<>();
    for (HealthMonitor.SensorStatus s : m.status()) {
      int index = FIRST_SENSOR + sensors.indexOf(s.sensor());
      out.add(row(index, s, rateMillis, uptimeAt));
    }
    return out;
  }

  /** One reading as the MIB writes it: an integer, a scale and a precision. */
  static SensorRow row(int index, HealthMonitor.SensorStatus s, long rateMillis,
      ToLongFunction<Instant> uptimeAt) {
    int type = switch (s.sensor().kind()) {
      case TEMPERATURE -> 8; // celsius
      case FAN_SPEED -> 10; // rpm
      case VOLTAGE -> 4; // voltsDC
      case CURRENT -> 5; // amperes
      case POWER -> 6; // watts
      case OPTICAL_POWER, WEAR -> 1; // other: dBm and percent have no type of their own
    };
    BigDecimal v = s.value();
    int precision = v == null ? 0 : Math.max(0, Math.min(3, v.stripTrailingZeros().scale()));
    long scaled = v == null ? 0 : v.setScale(precision, RoundingMode.HALF_UP).unscaledValue()
        .longValue();
    int status = v == null ? 2 : 1; // unavailable: the read failed
    scaled = Math.max(-1_000_000_000L, Math.min(1_000_000_000L, scaled));
    return new SensorRow(index, type, 9, precision, (int) scaled, status,
        s.sensor().kind().unit, s.read() == null ? 0 : uptimeAt.applyAsLong(s.read()),
        rateMillis);
  }
}
