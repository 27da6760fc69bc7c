package io.outpost.dataplane.table;

/**
 * What a FIB entry's next-hop id means: where a matching packet goes. Immutable; ids are
 * indexes into {@link ForwardingTables#nextHops()} and stay valid for as long as any FIB entry
 * refers to them.
 *
 * @param kind what to do with the packet
 * @param interfaceId the egress interface for {@link Kind#FORWARD}, -1 otherwise
 * @param gateway4 the IPv4 gateway, or 0 for a directly connected destination (the packet's
 *     own destination is then the neighbor to resolve)
 * @param gateway6Hi the IPv6 gateway's high half; both halves 0 for directly connected
 * @param gateway6Lo the IPv6 gateway's low half
 * @param members for {@link Kind#ECMP}, the ids of the equal-cost next hops (each a FORWARD)
 */
public record NextHop(
    Kind kind, int interfaceId, int gateway4, long gateway6Hi, long gateway6Lo, int[] members) {

  /** The actions a route can take. */
  public enum Kind {
    /** Send to a neighbor on an interface. */
    FORWARD,
    /** Spread across {@link #members} by a 5-tuple hash. */
    ECMP,
    /** Drop silently. */
    BLACKHOLE,
    /** Drop and answer with ICMP destination unreachable (administratively prohibited). */
    REJECT
  }

  private static final int[] NONE = new int[0];

  public static NextHop forward4(int interfaceId, int gateway) {
    return new NextHop(Kind.FORWARD, interfaceId, gateway, 0, 0, NONE);
  }

  public static NextHop forward6(int interfaceId, long gatewayHi, long gatewayLo) {
    return new NextHop(Kind.FORWARD, interfaceId, 0, gatewayHi, gatewayLo, NONE);
  }

  /**
   * Whether the gateway is an IPv6 address: an IPv6 route's gateway, or an IPv4 route's learned
   * with an IPv6 next hop (RFC 8950); false with no gateway (directly connected) or an IPv4 one.
   */
  public boolean viaIpv6() {
    return gateway4 == 0 && (gateway6Hi != 0 || gateway6Lo != 0);
  }

  public static NextHop ecmp(int... members) {
    return new NextHop(Kind.ECMP, -1, 0, 0, 0, members.clone());
  }

  public static NextHop blackhole() {
    return new NextHop(Kind.BLACKHOLE, -1, 0, 0, 0, NONE);
  }

  public static NextHop reject() {
    return new NextHop(Kind.REJECT, -1, 0, 0, 0, NONE);
  }
}
