package io.outpost.dataplane.kernel;

import java.net.InetAddress;
import java.util.List;

/**
 * A route for the kernel's main table, as {@link RtNetlink#replaceRoute} installs it: a
 * destination prefix and either ways out or a drop. Installed with protocol "static" and a
 * fixed metric ({@link #METRIC}) so that it never replaces the routes the kernel makes itself
 * for its addresses (metric 0 for IPv4, 256 for IPv6).
 *
 * @param destination the prefix's address (host bits zero)
 * @param prefixLength its length
 * @param type what the route does
 * @param hops for {@link Type#UNICAST}: one or more (ECMP) ways out; empty otherwise
 */
public record KernelRoute(InetAddress destination, int prefixLength, Type type, List<Hop> hops) {
  /** The metric of every route Outpost installs. */
  public static final int METRIC = 20;
  /** The table it installs them in (RT_TABLE_MAIN) and their protocol (RTPROT_STATIC). */
  public static final int TABLE_MAIN = 254;
  public static final int PROTOCOL_STATIC = 4;

  public KernelRoute {
    hops = List.copyOf(hops);
    if ((type == Type.UNICAST) == hops.isEmpty()) {
      throw new IllegalArgumentException(type + " route with " + hops.size() + " hops");
    }
  }

  /** The kind of route: forward, drop silently, or drop with ICMP administratively prohibited. */
  public enum Type {
    UNICAST(1), BLACKHOLE(6), PROHIBIT(8);

    final int rtnType;

    Type(int rtnType) {
      this.rtnType = rtnType;
    }
  }

  /** A route's key in the table: its destination prefix. */
  public record Destination(InetAddress address, int prefixLength) {
    @Override
    public String toString() {
      return address.getHostAddress() + "/" + prefixLength;
    }
  }

  /** This route's key. */
  public Destination key() {
    return new Destination(destination, prefixLength);
  }

  /**
   * One way out: an interface, and the gateway on it (null: the destination is on the link).
   */
  public record Hop(int ifindex, InetAddress gateway) {}

  @Override
  public String toString() {
    return destination.getHostAddress() + "/" + prefixLength + " " + type.name().toLowerCase()
        + (hops.isEmpty() ? "" : " " + hops);
  }
}
