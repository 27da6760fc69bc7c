package io.outpost.controlplane.health;

import java.math.BigDecimal;

/**
 * A sensor's condition, worst last: its reading within the thresholds, past a warning one,
 * past a critical one, or no reading at all. {@link #of} decides it with hysteresis.
 */
public enum Level {
  OK, WARNING, CRITICAL, FAILED;

  /**
   * The level of {@code value} for a sensor that was at {@code before}: a reading at or past a
   * threshold takes its level; a sensor already past a threshold stays there until the reading
   * is back inside by the hysteresis, so that a reading at the edge does not flap.
   */
  static Level of(BigDecimal value, HardwareProfile.Thresholds t, Level before) {
    BigDecimal h = t.hysteresis() == null ? BigDecimal.ZERO : t.hysteresis();
    Level high = side(value, t.criticalHigh(), t.warningHigh(), h, before, true);
    Level low = side(value, t.criticalLow(), t.warningLow(), h, before, false);
    return high.compareTo(low) >= 0 ? high : low;
  }

  private static Level side(BigDecimal v, BigDecimal critical, BigDecimal warning,
      BigDecimal h, Level before, boolean high) {
    if (reaches(v, critical, high) || before == CRITICAL && stillPast(v, critical, h, high)) {
      return CRITICAL;
    }
    if (reaches(v, warning, high)
        || (before == WARNING || before == CRITICAL) && stillPast(v, warning, h, high)) {
      return WARNING;
    }
    return OK;
  }

  /** Whether {@code v} is at or past the threshold (above a high one, below a low one). */
  private static boolean reaches(BigDecimal v, BigDecimal threshold, boolean high) {
    return threshold != null && (high ? v.compareTo(threshold) >= 0 : v.compareTo(threshold) <= 0);
  }

  /** Whether {@code v} has not come back inside the threshold by the hysteresis yet. */
  private static boolean stillPast(BigDecimal v, BigDecimal threshold, BigDecimal h,
      boolean high) {
    return threshold != null && (high ? v.compareTo(threshold.subtract(h)) > 0
        : v.compareTo(threshold.add(h)) < 0);
  }
}
