package io.outpost.controlplane.routing;

import inet.ipaddr.IPAddress;
import java.util.List;

/**
 * A route as a source offers it to the RIB, before selection and resolution.
 *
 * @param interfaceName for connected and interface routes, the interface; else null
 * @param nextHops for routes via gateways; empty otherwise
 */
public record Route(IPAddress prefix, Protocol protocol, int distance, Kind kind, String interfaceName,
    List<NextHop> nextHops) {

  /** Where a route comes from. */
  public enum Protocol {
    CONNECTED,
    STATIC,
    /** Learned by BGP: its gateways resolve through connected and static routes only. */
    BGP
  }

  /** What a route does with traffic. */
  public enum Kind {
    /** Forward to gateways ({@link #nextHops()}). */
    GATEWAY,
    /** Forward out of an interface, the destination being on the link. */
    INTERFACE,
    /** Drop silently. */
    BLACKHOLE,
    /** Drop and answer ICMP unreachable. */
    REJECT
  }

  /** A gateway, maybe pinned to an interface (required for IPv6 link-local gateways). */
  public record NextHop(IPAddress address, String interfaceName) {}

  public Route {
    nextHops = List.copyOf(nextHops);
  }
}
