package io.outpost.controlplane.health;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pluggable module's digital diagnostics as {@code ethtool -m PORT} prints them (SFF-8472 for
 * SFP, SFF-8636 for QSFP): {@code Module temperature : 35.43 degrees C / 95.77 degrees F},
 * {@code Module voltage : 3.2990 V}, {@code Receiver signal average optical power : 0.7746 mW /
 * -1.11 dBm}, {@code Laser output power : 0.5000 mW / -3.01 dBm}. A QSFP prints its receive and
 * transmit power per lane ({@code Rcvr signal avg optical power(Channel 1) : ...}); lane 1 is
 * taken. Power is read in dBm, as thresholds are written.
 */
final class EthtoolModule {
  private static final Pattern TEMPERATURE =
      Pattern.compile("(?m)^\\s*Module temperature\\s*:\\s*(-?[0-9.]+) degrees C");
  private static final Pattern VOLTAGE =
      Pattern.compile("(?m)^\\s*Module voltage\\s*:\\s*(-?[0-9.]+) V");
  private static final Pattern RX = Pattern.compile("(?m)^\\s*(?:Receiver signal average optical"
      + " power|Rcvr signal avg optical power\\(Channel 1\\))\\s*:.*/\\s*(-?[0-9.]+|-inf) dBm");
  private static final Pattern TX = Pattern.compile("(?m)^\\s*(?:Laser output power|Transmit avg"
      + " optical power \\(Channel 1\\))\\s*:.*/\\s*(-?[0-9.]+|-inf) dBm");
  /** What a dark receiver reads as: ethtool prints -inf dBm for 0 mW. */
  private static final BigDecimal NO_LIGHT = new BigDecimal("-40");

  private EthtoolModule() {}

  /**
   * The reading ({@code temperature}, {@code voltage}, {@code rx-power}, {@code tx-power}).
   *
   * @throws IllegalArgumentException when the output has none (no module, no diagnostics)
   */
  static BigDecimal reading(String text, String reading) {
    Pattern p = switch (reading) {
      case "temperature" -> TEMPERATURE;
      case "voltage" -> VOLTAGE;
      case "rx-power" -> RX;
      case "tx-power" -> TX;
      default -> throw new IllegalArgumentException("reading " + reading);
    };
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("the module reports no " + reading
          + " (no module in the cage, or one without diagnostics)");
    }
    return m.group(1).equals("-inf") ? NO_LIGHT : new BigDecimal(m.group(1));
  }
}
