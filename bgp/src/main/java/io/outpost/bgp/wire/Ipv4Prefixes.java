package io.outpost.bgp.wire;

/**
 * IPv4 prefixes as UPDATE's Withdrawn Routes and NLRI fields carry them (RFC 4271 section 4.3):
 * a length octet in bits, then the fewest octets that hold that many bits. The trailing bits of
 * the last octet are irrelevant by the RFC and are cleared.
 *
 * <p>A field that does not parse (a length over 32, octets that run past the field) is a
 * syntax error of the NLRI: 3/10 Invalid Network Field, which RFC 7606 section 5.3 keeps as a
 * session reset.
 */
public final class Ipv4Prefixes {
  static final int INVALID_NETWORK_FIELD = 10;

  private Ipv4Prefixes() {}

  /**
   * The prefixes of {@code field}, each packed as {@code address << 8 | length} with the
   * address as an unsigned 32-bit value.
   */
  public static long[] decode(byte[] field) throws BgpError {
    long[] out = new long[field.length]; // at most one prefix per octet
    int count = 0;
    int at = 0;
    while (at < field.length) {
      int length = field[at++] & 0xff;
      if (length > 32) {
        throw invalid("prefix length " + length + " over 32");
      }
      int octets = (length + 7) / 8;
      if (at + octets > field.length) {
        throw invalid("a /" + length + " needs " + octets + " octets, " + (field.length - at)
            + " remain");
      }
      long address = 0;
      for (int i = 0; i < 4; i++) {
        address = (address << 8) | (i < octets ? field[at + i] & 0xff : 0);
      }
      long mask = length == 0 ? 0 : (0xffff_ffffL << (32 - length)) & 0xffff_ffffL;
      out[count++] = ((address & mask) << 8) | length;
      at += octets;
    }
    return java.util.Arrays.copyOf(out, count);
  }

  /** The field holding {@code prefixes} (packed as {@link #decode} returns them). */
  public static byte[] encode(long[] prefixes) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (long p : prefixes) {
      int length = (int) (p & 0xff);
      long address = p >>> 8;
      out.write(length);
      for (int i = 0; i < (length + 7) / 8; i++) {
        out.write((int) (address >>> (24 - 8 * i)));
      }
    }
    return out.toByteArray();
  }

  private static BgpError invalid(String why) {
    return new BgpError(BgpError.UPDATE_MESSAGE, INVALID_NETWORK_FIELD, new byte[0], why);
  }
}
