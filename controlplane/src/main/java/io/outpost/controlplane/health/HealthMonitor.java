package io.outpost.controlplane.health;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches one platform's sensors: each {@link #poll} reads every sensor of the profile, decides
 * each one's {@link Level} with hysteresis, and raises or clears its alarm in the
 * {@link AlarmTable}. A sensor that cannot be read (a file gone, a tool missing or failing) is
 * an alarm of its own, never an exception out of the monitor: one bad sensor costs its own
 * reading, not the others' (SONiC's monitor dying over one missing package is what it must not
 * do). A fan is watched through its sensor; its alarm names the fan.
 *
 * <p>Polled from one thread at a time (the daemon's health thread); {@link #status} may be
 * read from any.
 */
public final class HealthMonitor {
  /** One sensor as last read. */
  public record SensorStatus(HardwareProfile.Sensor sensor, BigDecimal value, Level level,
      String failure, Instant read) {}

  private final HardwareProfile profile;
  private final SensorReader reader;
  private final AlarmTable alarms;
  private final Clock clock;
  private final Map<String, String> fanOfSensor = new HashMap<>();
  private volatile List<SensorStatus> status = List.of();

  public HealthMonitor(HardwareProfile profile, Path root, Tools tools, AlarmTable alarms,
      Clock clock) {
    this.profile = profile;
    this.reader = new SensorReader(root, tools, profile);
    this.alarms = alarms;
    this.clock = clock;
    profile.fans().forEach(f -> fanOfSensor.put(f.sensor(), f.name()));
  }

  public HardwareProfile profile() {
    return profile;
  }

  /** Every sensor as the last poll read it, in the profile's order. */
  public List<SensorStatus> status() {
    return status;
  }

  /** Reads every sensor once and raises or clears their alarms. */
  public void poll() {
    Instant now = clock.instant();
    Map<String, Level> before = new HashMap<>();
    for (SensorStatus s : status) {
      before.put(s.sensor().name(), s.level());
    }
    Map<String, SensorReader.Reading> readings = reader.readAll(profile.sensors());
    List<SensorStatus> next = new ArrayList<>();
    for (HardwareProfile.Sensor s : profile.sensors()) {
      SensorReader.Reading r = readings.get(s.name());
      Level level = r.failure() != null ? Level.FAILED
          : Level.of(r.value(), s.thresholds(), before.getOrDefault(s.name(), Level.OK));
      next.add(new SensorStatus(s, r.value(), level, r.failure(), now));
      alarm(s, level, r, now);
    }
    status = List.copyOf(next);
  }

  private void alarm(HardwareProfile.Sensor s, Level level, SensorReader.Reading r,
      Instant now) {
    String fan = fanOfSensor.get(s.name());
    String resource = fan != null ? "fan " + fan : "sensor " + s.name();
    switch (level) {
      case OK -> alarms.clear(resource, now);
      case FAILED -> alarms.raise(resource, Alarm.Severity.MAJOR,
          (fan != null ? "fan " + fan + ": " : "") + "sensor " + s.name() + " cannot be read ("
              + s.source().describe() + "): " + r.failure(), now);
      case WARNING, CRITICAL -> alarms.raise(resource,
          level == Level.CRITICAL ? Alarm.Severity.CRITICAL : Alarm.Severity.MINOR,
          (fan != null ? "fan " + fan + ": " : "") + s.name() + " " + plain(r.value()) + " "
              + s.kind().unit + ", " + past(s.thresholds(), r.value(), level), now);
    }
  }

  /** Which threshold the reading is past, in words. */
  private static String past(HardwareProfile.Thresholds t, BigDecimal v, Level level) {
    boolean critical = level == Level.CRITICAL;
    BigDecimal high = critical ? t.criticalHigh() : t.warningHigh();
    BigDecimal low = critical ? t.criticalLow() : t.warningLow();
    String name = critical ? "critical" : "warning";
    if (high != null && (low == null || v.compareTo(low) > 0)) {
      return "at or above its " + name + " threshold " + plain(high)
          + (v.compareTo(high) < 0 ? " (clears below " + plain(high.subtract(t.hysteresis()))
              + ")" : "");
    }
    return "at or below its " + name + " threshold " + plain(low)
        + (v.compareTo(low) > 0 ? " (clears above " + plain(low.add(t.hysteresis())) + ")" : "");
  }

  static String plain(BigDecimal v) {
    return v == null ? "-" : v.stripTrailingZeros().toPlainString();
  }
}
