package io.outpost.controlplane.time;

import java.time.Duration;

/** How the CLI writes how long something has been up: {@code 02:03:04}, {@code 5d 02:03:04}. */
public final class Durations {
  private Durations() {}

  public static String uptime(Duration d) {
    long s = d.toSeconds();
    return (s >= 86400 ? s / 86400 + "d " : "") + "%02d:%02d:%02d".formatted(s / 3600 % 24,
        s / 60 % 60, s % 60);
  }
}
