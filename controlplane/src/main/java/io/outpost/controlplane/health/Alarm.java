package io.outpost.controlplane.health;

import java.time.Instant;

/**
 * A condition that needs attention: what it is about ({@code resource}: a sensor, a fan, the
 * platform), how bad it is, since when, and in words. Raised and cleared by the
 * {@link HealthMonitor}; kept by the {@link AlarmTable}.
 *
 * @param cleared when it cleared, or null while it is active
 */
public record Alarm(long id, String resource, Severity severity, Instant raised, Instant cleared,
    String text) {

  /** As syslog and X.733 grade them (ENTITY-SENSOR-MIB's thresholds map onto the first three). */
  public enum Severity {
    CRITICAL, MAJOR, MINOR, WARNING;

    /** In lower case, as the CLI and the log print it. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean active() {
    return cleared == null;
  }

  Alarm clearedAt(Instant when) {
    return new Alarm(id, resource, severity, raised, when, text);
  }
}
