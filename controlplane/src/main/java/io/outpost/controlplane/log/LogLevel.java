package io.outpost.controlplane.log;

import java.util.Locale;

/**
 * The four severities of an {@code outpostd} log event, lowest first.
 *
 * <p>Four are enough for an appliance: {@code debug} for engineers, {@code info} for the normal
 * story of the box, {@code warn} for something an operator should look at, {@code error} for
 * something that failed. The declaration order is the order of importance; thresholds compare
 * ordinals.
 */
public enum LogLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR;

  private final String keyword = name().toLowerCase(Locale.ROOT);

  /** The lower-case name written in log lines and used in configuration: {@code "warn"}. */
  public String keyword() {
    return keyword;
  }

  /** Whether an event at this level passes a threshold of {@code minimum}. */
  public boolean atLeast(LogLevel minimum) {
    return ordinal() >= minimum.ordinal();
  }
}
