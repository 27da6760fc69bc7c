package io.outpost.dataplane.packet;

import java.lang.foreign.MemorySegment;

/**
 * The Internet checksum (RFC 1071) over frame bytes, and its incremental update (RFC 1624) for
 * the one-field rewrites forwarding does, so a TTL decrement never re-reads the header.
 */
public final class InternetChecksum {
  private InternetChecksum() {}

  /** The one's-complement sum of {@code length} bytes at {@code at}, not yet folded or negated. */
  public static long sum(MemorySegment s, long at, int length) {
    long sum = 0;
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      sum += Bytes.u32(s, at + i) & 0xffffffffL;
    }
    if (i + 2 <= length) {
      sum += Bytes.u16(s, at + i);
      i += 2;
    }
    if (i < length) {
      sum += Bytes.u8(s, at + i) << 8;
    }
    return sum;
  }

  /** Folds a running sum to 16 bits and complements it: the value to store in the packet. */
  public static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  /** The checksum of {@code length} bytes (a header whose checksum field is zero). */
  public static int compute(MemorySegment s, long at, int length) {
    return finish(sum(s, at, length));
  }

  /** Whether bytes that include their own checksum field verify (sum folds to 0xffff). */
  public static boolean verifies(MemorySegment s, long at, int length) {
    return finish(sum(s, at, length)) == 0;
  }

  /**
   * RFC 1624 eqn. 3: the new checksum after a 16-bit field changes from {@code oldField} to
   * {@code newField}: HC' = ~(~HC + ~m + m').
   */
  public static int update(int checksum, int oldField, int newField) {
    int sum = (~checksum & 0xffff) + (~oldField & 0xffff) + (newField & 0xffff);
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    return ~sum & 0xffff;
  }

  /** The one's-complement sum of the IPv4 pseudo-header for an upper-layer checksum. */
  public static long ipv4PseudoHeader(int source, int destination, int protocol, int length) {
    return (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff)
        + protocol + length;
  }

  /** The one's-complement sum of the IPv6 pseudo-header (RFC 8200 §8.1), addresses in place. */
  public static long ipv6PseudoHeader(
      MemorySegment s, long sourceAt, long destinationAt, int nextHeader, int length) {
    return sum(s, sourceAt, 16) + sum(s, destinationAt, 16) + length + nextHeader;
  }
}
