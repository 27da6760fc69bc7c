package io.outpost.bgp.attr;

/**
 * Text forms of communities as engineers write them: {@code 65000:100} for RFC 1997 (with the
 * well-known names of RFC 1997 and RFC 8326), {@code 65000:1:2} for RFC 8092 large ones.
 */
public final class Communities {
  public static final int GRACEFUL_SHUTDOWN = 0xffff_0000;
  public static final int NO_EXPORT = 0xffff_ff01;
  public static final int NO_ADVERTISE = 0xffff_ff02;
  public static final int NO_EXPORT_SUBCONFED = 0xffff_ff03;

  private Communities() {}

  /** Parses {@code ASN:VALUE} or a well-known name; IllegalArgumentException otherwise. */
  public static int parse(String text) {
    switch (text) {
      case "no-export": return NO_EXPORT;
      case "no-advertise": return NO_ADVERTISE;
      case "no-export-subconfed": return NO_EXPORT_SUBCONFED;
      case "graceful-shutdown": return GRACEFUL_SHUTDOWN;
      default: break;
    }
    String[] parts = text.split(":", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("community '" + text + "' is not ASN:VALUE");
    }
    return (int) (part(parts[0], 0xffff, text) << 16 | part(parts[1], 0xffff, text));
  }

  /** Parses {@code GLOBAL:LOCAL1:LOCAL2} into three ints. */
  public static int[] parseLarge(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("large community '" + text
          + "' is not GLOBAL:LOCAL1:LOCAL2");
    }
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      out[i] = (int) part(parts[i], 0xffff_ffffL, text);
    }
    return out;
  }

  private static long part(String digits, long max, String whole) {
    try {
      long v = Long.parseLong(digits);
      if (v < 0 || v > max) {
        throw new IllegalArgumentException("'" + whole + "': " + digits + " is over " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + whole + "': '" + digits + "' is not a number");
    }
  }

  public static String format(int community) {
    return switch (community) {
      case NO_EXPORT -> "no-export";
      case NO_ADVERTISE -> "no-advertise";
      case NO_EXPORT_SUBCONFED -> "no-export-subconfed";
      case GRACEFUL_SHUTDOWN -> "graceful-shutdown";
      default -> (community >>> 16) + ":" + (community & 0xffff);
    };
  }

  public static String format(int[] communities) {
    StringBuilder s = new StringBuilder();
    for (int c : communities) {
      s.append(s.isEmpty() ? "" : " ").append(format(c));
    }
    return s.toString();
  }

  public static String formatLarge(int[] large) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i + 2 < large.length; i += 3) {
      s.append(s.isEmpty() ? "" : " ").append(large[i] & 0xffff_ffffL).append(':')
          .append(large[i + 1] & 0xffff_ffffL).append(':').append(large[i + 2] & 0xffff_ffffL);
    }
    return s.toString();
  }
}
