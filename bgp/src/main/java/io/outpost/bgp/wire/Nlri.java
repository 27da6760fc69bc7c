package io.outpost.bgp.wire;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.netty.buffer.ByteBuf;

/**
 * Prefixes as UPDATE's NLRI fields carry them (RFC 4271 section 4.3, RFC 4760 section 5): a
 * length in bits, then the fewest octets that hold it, each preceded by a four-octet path
 * identifier when add-path (RFC 7911) was negotiated for the family. Trailing bits past the
 * length are irrelevant by the RFC and cleared.
 *
 * <p>Decoded prefixes come three longs each, the same shape for both families, which is also the
 * RIB's key: the address's high 64 bits (an IPv4 address is the low 32 bits of this word), its
 * low 64 bits (0 for IPv4), and {@code pathId << 8 | length}.
 *
 * <p>A field that does not parse (a length over the family's, octets that run past the field) is
 * a syntax error: 3/10 Invalid Network Field, a session reset under RFC 7606 section 5.3.
 */
public final class Nlri {
  public static final int STRIDE = 3;
  static final int INVALID_NETWORK_FIELD = 10;

  private Nlri() {}

  /** Decodes {@code length} octets of {@code field} from {@code from}. */
  public static long[] decode(byte[] field, int from, int length, Family family, boolean addPath)
      throws BgpError {
    long[] out = new long[STRIDE * countIn(field, from, from + length, addPath)];
    decode(field, from, length, family, addPath, out);
    return out;
  }

  /**
   * Decodes {@code length} octets of {@code field} from {@code from} into {@code out}, which
   * must hold {@link #countIn} prefixes.
   *
   * @return how many prefixes it decoded
   */
  public static int decode(byte[] field, int from, int length, Family family, boolean addPath,
      long[] out) throws BgpError {
    int end = from + length;
    int count = 0;
    int at = from;
    while (at < end) {
      long pathId = 0;
      if (addPath) {
        if (at + 4 >= end) {
          throw invalid("a path identifier with no prefix after it");
        }
        pathId = (field[at] & 0xffL) << 24 | (field[at + 1] & 0xff) << 16
            | (field[at + 2] & 0xff) << 8 | (field[at + 3] & 0xff);
        at += 4;
      }
      int bits = field[at++] & 0xff;
      if (bits > family.maxLength) {
        throw invalid("prefix length " + bits + " over " + family.maxLength);
      }
      int octets = (bits + 7) / 8;
      if (at + octets > end) {
        throw invalid("a /" + bits + " needs " + octets + " octets, " + (end - at) + " remain");
      }
      long hi = 0;
      long lo = 0;
      for (int i = 0; i < octets; i++) {
        long b = field[at + i] & 0xffL;
        if (family == Family.IPV4_UNICAST) {
          hi |= b << (24 - 8 * i);
        } else if (i < 8) {
          hi |= b << (56 - 8 * i);
        } else {
          lo |= b << (120 - 8 * i);
        }
      }
      at += octets;
      if (family == Family.IPV4_UNICAST) {
        hi &= bits == 0 ? 0 : (0xffff_ffffL << (32 - bits)) & 0xffff_ffffL;
      } else {
        hi &= bits == 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
        lo &= bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
      }
      out[count++] = hi;
      out[count++] = lo;
      out[count++] = pathId << 8 | bits;
    }
    return count / STRIDE;
  }

  /**
   * How many prefixes the field from {@code at} to {@code end} holds, from their lengths alone
   * (a full table's NLRI sized exactly, not for the worst case of one octet each); a field that
   * runs short or past its end is caught by the decoding pass.
   */
  public static int countIn(byte[] field, int at, int end, boolean addPath) {
    int n = 0;
    while (at < end) {
      at += addPath ? 4 : 0;
      if (at >= end) {
        return n + 1;
      }
      at += 1 + ((field[at] & 0xff) + 7) / 8;
      n++;
    }
    return n;
  }

  /** Octets that prefix {@code i} of {@code prefixes} takes in an NLRI field. */
  public static int encodedLength(long[] prefixes, int i, boolean addPath) {
    return (addPath ? 5 : 1) + (length(prefixes, i) + 7) / 8;
  }

  /** Writes prefix {@code i} of {@code prefixes}. */
  public static void encode(long[] prefixes, int i, Family family, boolean addPath, ByteBuf out) {
    int base = i * STRIDE;
    if (addPath) {
      out.writeInt((int) (prefixes[base + 2] >>> 8));
    }
    int bits = length(prefixes, i);
    out.writeByte(bits);
    long hi = prefixes[base];
    long lo = prefixes[base + 1];
    for (int b = 0; b < (bits + 7) / 8; b++) {
      long v = family == Family.IPV4_UNICAST ? hi >>> (24 - 8 * b)
          : b < 8 ? hi >>> (56 - 8 * b) : lo >>> (120 - 8 * b);
      out.writeByte((int) v);
    }
  }

  /** The prefix length of prefix {@code i}. */
  public static int length(long[] prefixes, int i) {
    return (int) (prefixes[i * STRIDE + 2] & 0xff);
  }

  /** How many prefixes {@code prefixes} holds. */
  public static int count(long[] prefixes) {
    return prefixes.length / STRIDE;
  }

  /** Prefix {@code i} in its usual text form ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). */
  public static String format(long[] prefixes, int i, Family family) {
    return format(prefixes[i * STRIDE], prefixes[i * STRIDE + 1], length(prefixes, i), family);
  }

  /** A prefix from its key words in text form. */
  public static String format(long hi, long lo, int bits, Family family) {
    byte[] a = new byte[family.addressLength];
    for (int b = 0; b < a.length; b++) {
      a[b] = (byte) (family == Family.IPV4_UNICAST ? hi >>> (24 - 8 * b)
          : b < 8 ? hi >>> (56 - 8 * b) : lo >>> (120 - 8 * b));
    }
    return (family == Family.IPV4_UNICAST ? new IPv4Address(a, bits)
        : new IPv6Address(a, bits)).toCanonicalString();
  }

  private static BgpError invalid(String why) {
    return new BgpError(BgpError.UPDATE_MESSAGE, INVALID_NETWORK_FIELD, new byte[0], why);
  }
}
