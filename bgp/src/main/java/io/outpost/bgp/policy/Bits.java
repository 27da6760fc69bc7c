package io.outpost.bgp.policy;

import io.outpost.bgp.wire.Family;

/**
 * Prefix arithmetic on the form {@link io.outpost.bgp.wire.Nlri} keeps prefixes in: IPv4 in the
 * low 32 bits of the first long, IPv6 in two longs.
 */
final class Bits {
  private Bits() {}

  /** Whether the first {@code length} bits of the addresses (aHi, aLo) and (bHi, bLo) agree. */
  static boolean samePrefix(Family family, long aHi, long aLo, long bHi, long bLo, int length) {
    if (length == 0) {
      return true;
    }
    if (family == Family.IPV4_UNICAST) {
      return ((aHi ^ bHi) & 0xffff_ffffL) >>> (32 - length) == 0;
    }
    if (length <= 64) {
      return (aHi ^ bHi) >>> (64 - length) == 0;
    }
    return aHi == bHi && (aLo ^ bLo) >>> (128 - length) == 0;
  }
}
