package io.outpost.controlplane.health;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code show environment} and {@code show alarms}, as text. */
public final class EnvironmentStatus {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(
      "yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private EnvironmentStatus() {}

  /** The profile in use and every sensor as last read, with its thresholds and source. */
  public static String environment(HealthSubsystem health) {
    HealthMonitor m = health.monitor();
    StringBuilder out = new StringBuilder();
    if (m == null) {
      out.append("No hardware profile in use: no sensor is watched.\n");
      health.alarms().active().stream().filter(a -> a.resource().equals(HealthSubsystem.PLATFORM))
          .forEach(a -> out.append(a.text()).append('\n'));
      return out.toString();
    }
    HardwareProfile p = m.profile();
    out.append("Platform: ").append(p.identity().vendor()).append(' ').append(p.identity().model())
        .append(" (").append(p.identity().platform()).append("), profile ").append(p.name())
        .append('\n');
    List<HealthMonitor.SensorStatus> sensors = m.status();
    if (p.sensors().isEmpty()) {
      return out.append("The profile has no sensors.\n").toString();
    }
    if (sensors.isEmpty()) {
      return out.append("Not read yet.\n").toString();
    }
    out.append(String.format("%-26s %12s %-4s %-8s %-22s %s%n", "Sensor", "Reading", "Unit",
        "Status", "Thresholds (low/high)", "Source"));
    for (HealthMonitor.SensorStatus s : sensors) {
      HardwareProfile.Thresholds t = s.sensor().thresholds();
      String thresholds = range(t.criticalLow(), t.warningLow()) + " / "
          + range(t.warningHigh(), t.criticalHigh());
      out.append(String.format("%-26s %12s %-4s %-8s %-22s %s%n", s.sensor().name(),
          HealthMonitor.plain(s.value()), s.sensor().kind().unit, s.level().name().toLowerCase(
              java.util.Locale.ROOT), thresholds, s.sensor().source().describe()));
      if (s.failure() != null) {
        out.append("    ").append(s.failure()).append('\n');
      }
    }
    out.append("Read at ").append(TIME.format(sensors.getFirst().read())).append('\n');
    return out.toString();
  }

  private static String range(java.math.BigDecimal a, java.math.BigDecimal b) {
    return HealthMonitor.plain(a) + "," + HealthMonitor.plain(b);
  }

  /** The active alarms, worst first, then the recent raises and clears. */
  public static String alarms(AlarmTable table) {
    StringBuilder out = new StringBuilder();
    List<Alarm> active = table.active();
    out.append(active.isEmpty() ? "No active alarms.\n" : active.size() + " active alarm"
        + (active.size() == 1 ? "" : "s") + ":\n");
    for (Alarm a : active) {
      out.append(String.format("  %-4d %-8s %s  %-22s %s%n", a.id(), a.severity().word(),
          TIME.format(a.raised()), a.resource(), a.text()));
    }
    List<Alarm> recent = table.recent();
    if (!recent.isEmpty()) {
      out.append("Recent (newest first):\n");
      for (Alarm a : recent) {
        out.append(String.format("  %-4d %-8s %s %-7s %-22s %s%n", a.id(), a.severity().word(),
            TIME.format(a.active() ? a.raised() : a.cleared()), a.active() ? "raised"
                : "cleared", a.resource(), a.text()));
      }
    }
    return out.toString();
  }
}
