package io.outpost.dataplane.runtime;

import io.outpost.dataplane.table.NextHop;
import java.util.List;

/**
 * A selected route in the data plane's terms, as the control plane hands it over: a prefix and
 * what to do with matching packets. {@link RouteProgrammer} turns a set of these into next-hop
 * ids and FIB entries.
 *
 * @param ipv6 the family
 * @param hi for IPv4 the address in the low 32 bits; for IPv6 the high 64 bits
 * @param lo for IPv6 the low 64 bits; 0 for IPv4
 * @param length the prefix length
 * @param kind FORWARD (one gateway) or ECMP (several), BLACKHOLE or REJECT
 * @param gateways for FORWARD and ECMP, where to send; empty otherwise
 */
public record FibRoute(boolean ipv6, long hi, long lo, int length, NextHop.Kind kind,
    List<Gateway> gateways) {

  /**
   * One way out: an interface and the neighbor on it. A neighbor of all zeros means the
   * destination is on the link (a connected route) and is itself the neighbor to resolve.
   *
   * @param hi the neighbor's address, in the words of the route's family unless {@code viaIpv6}
   * @param viaIpv6 an IPv4 route's neighbor is an IPv6 address (RFC 8950: a BGP route learned
   *     with an IPv6 next hop), resolved with neighbor discovery; always false for IPv6 routes
   */
  public record Gateway(int interfaceId, long hi, long lo, boolean viaIpv6) {
    /** A gateway of the route's own family. */
    public Gateway(int interfaceId, long hi, long lo) {
      this(interfaceId, hi, lo, false);
    }

    public static Gateway ipv4(int interfaceId, int address) {
      return new Gateway(interfaceId, address & 0xffff_ffffL, 0);
    }
  }

  public FibRoute {
    gateways = List.copyOf(gateways);
    boolean forwards = kind == NextHop.Kind.FORWARD || kind == NextHop.Kind.ECMP;
    if (forwards == gateways.isEmpty()) {
      throw new IllegalArgumentException(kind + " route with " + gateways.size() + " gateways");
    }
    if (length < 0 || length > (ipv6 ? 128 : 32)) {
      throw new IllegalArgumentException("prefix length " + length);
    }
  }

  public static FibRoute ipv4(int prefix, int length, List<Gateway> gateways) {
    return new FibRoute(false, prefix & 0xffff_ffffL, 0, length, kind(gateways), gateways);
  }

  public static FibRoute ipv6(long hi, long lo, int length, List<Gateway> gateways) {
    return new FibRoute(true, hi, lo, length, kind(gateways), gateways);
  }

  /** A BLACKHOLE or REJECT route. */
  public static FibRoute drop(boolean ipv6, long hi, long lo, int length, NextHop.Kind kind) {
    return new FibRoute(ipv6, hi, lo, length, kind, List.of());
  }

  private static NextHop.Kind kind(List<Gateway> gateways) {
    return gateways.size() > 1 ? NextHop.Kind.ECMP : NextHop.Kind.FORWARD;
  }

  /** The prefix alone, as the key of the route in a FIB. */
  public Prefix prefix() {
    return new Prefix(ipv6, hi, lo, length);
  }

  /** A FIB key. */
  public record Prefix(boolean ipv6, long hi, long lo, int length) {}
}
