package io.outpost.bgp.wire;

/**
 * The extended next hop encoding capability (RFC 8950 section 3) for the one use it has here:
 * IPv4 unicast routes with an IPv6 next hop, so that an IPv6 session carries IPv4 routes whose
 * traffic goes to the neighbor's IPv6 address (and no IPv4 address is needed on the link).
 * The value is tuples of NLRI AFI (2 octets), NLRI SAFI (2) and next hop AFI (2).
 */
public final class ExtendedNextHop {
  private static final int IPV6_AFI = 2;

  private ExtendedNextHop() {}

  /** Ours: IPv4 unicast routes may come with an IPv6 next hop. */
  public static Capability ipv4OverIpv6() {
    Family f = Family.IPV4_UNICAST;
    return new Capability(Capability.EXTENDED_NEXT_HOP, new byte[] {(byte) (f.afi >>> 8),
        (byte) f.afi, (byte) (f.safi >>> 8), (byte) f.safi, 0, IPV6_AFI});
  }

  /** Whether {@code open} says it takes IPv4 unicast routes with an IPv6 next hop. */
  public static boolean offersIpv4OverIpv6(OpenMessage open) {
    Family f = Family.IPV4_UNICAST;
    for (Capability c : open.capabilities()) {
      if (c.code() != Capability.EXTENDED_NEXT_HOP) {
        continue;
      }
      byte[] v = c.value();
      for (int at = 0; at + 6 <= v.length; at += 6) {
        int afi = (v[at] & 0xff) << 8 | (v[at + 1] & 0xff);
        int safi = (v[at + 2] & 0xff) << 8 | (v[at + 3] & 0xff);
        int nextHopAfi = (v[at + 4] & 0xff) << 8 | (v[at + 5] & 0xff);
        if (afi == f.afi && safi == f.safi && nextHopAfi == IPV6_AFI) {
          return true;
        }
      }
    }
    return false;
  }
}
