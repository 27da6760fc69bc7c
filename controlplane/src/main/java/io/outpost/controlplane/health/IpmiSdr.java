package io.outpost.controlplane.health;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The sensors of {@code ipmitool sdr} (ipmitool 1.8's list: {@code name | reading units |
 * status} per line, as {@code CPU Temp | 45 degrees C | ok}). A sensor with no number
 * ({@code no reading}, {@code disabled}, a hex state such as {@code 0x01}) has a null value;
 * its status column is kept ({@code ok}, {@code ns} not available, {@code nc}, {@code cr},
 * {@code nr}).
 */
final class IpmiSdr {
  /** One line: the reading (null when not a number) and the status column. */
  record Entry(BigDecimal value, String status, String reading) {}

  private IpmiSdr() {}

  static Map<String, Entry> parse(String text) {
    Map<String, Entry> out = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.split("\\|");
      if (f.length < 3) {
        continue;
      }
      String reading = f[1].strip();
      BigDecimal value = null;
      String first = reading.split("\\s+")[0];
      if (!first.startsWith("0x")) {
        try {
          value = new BigDecimal(first);
        } catch (NumberFormatException e) {
          // "no reading", "disabled", "Not Readable"
        }
      }
      out.putIfAbsent(f[0].strip(), new Entry(value, f[2].strip(), reading));
    }
    return out;
  }
}
