package io.outpost.dataplane.kernel;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Encodes the rtnetlink requests that {@link RtNetlink} sends: what each request contains, down
 * to the flags, with no I/O.
 *
 * <p>It owns a {@link NetlinkMessageWriter} and so its buffer: each method overwrites the
 * previous request and returns the buffer holding the new one, valid until the next call. Every
 * change request asks for an ack (NLM_F_ACK) so that success is confirmed, not assumed.
 */
final class RtRequestEncoder {
  private static final int AF_UNSPEC = 0;

  private final NetlinkMessageWriter writer;

  RtRequestEncoder(ByteBuffer buffer) {
    this.writer = new NetlinkMessageWriter(buffer);
  }

  /** RTM_GETLINK dump of every link. */
  ByteBuffer linkDump(int sequence) {
    writer.begin(NlMsg.RTM_GETLINK, NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_DUMP, sequence);
    linkHeader(0, 0, 0);
    return writer.finish();
  }

  /** RTM_GETLINK of one link by name; the kernel answers with one RTM_NEWLINK or ENODEV. */
  ByteBuffer linkByName(int sequence, String name) {
    writer.begin(NlMsg.RTM_GETLINK, NlMsg.NLM_F_REQUEST, sequence);
    linkHeader(0, 0, 0);
    writer.attributeString(LinkMessage.IFLA_IFNAME, name);
    return writer.finish();
  }

  /** RTM_NEWLINK on an existing link (no NLM_F_CREATE) that sets IFF_UP and changes only it. */
  ByteBuffer setLinkUp(int sequence, int ifindex, boolean up) {
    writer.begin(NlMsg.RTM_NEWLINK, NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_ACK, sequence);
    linkHeader(ifindex, up ? LinkMessage.IFF_UP : 0, LinkMessage.IFF_UP);
    return writer.finish();
  }

  /** RTM_NEWLINK on an existing link that sets its MTU. */
  ByteBuffer setMtu(int sequence, int ifindex, int mtu) {
    writer.begin(NlMsg.RTM_NEWLINK, NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_ACK, sequence);
    linkHeader(ifindex, 0, 0);
    writer.attributeU32(LinkMessage.IFLA_MTU, mtu);
    return writer.finish();
  }

  /** RTM_NEWLINK on an existing link that sets its link-layer address (IFLA_ADDRESS). */
  ByteBuffer setLinkAddress(int sequence, int ifindex, byte[] address) {
    writer.begin(NlMsg.RTM_NEWLINK, NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_ACK, sequence);
    linkHeader(ifindex, 0, 0);
    writer.attribute(LinkMessage.IFLA_ADDRESS, address);
    return writer.finish();
  }

  /** RTM_NEWLINK on an existing link that renames it (the kernel wants the link down). */
  ByteBuffer rename(int sequence, int ifindex, String name) {
    writer.begin(NlMsg.RTM_NEWLINK, NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_ACK, sequence);
    linkHeader(ifindex, 0, 0);
    writer.attributeString(LinkMessage.IFLA_IFNAME, name);
    return writer.finish();
  }

  /** RTM_GETADDR dump of the addresses of every family (AF_UNSPEC): IPv4 and IPv6 alike. */
  ByteBuffer addressDump(int sequence) {
    writer.begin(NlMsg.RTM_GETADDR, NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_DUMP, sequence);
    writer.u8(AF_UNSPEC).u8(0).u8(0).u8(0).u32(0);
    return writer.finish();
  }

  /**
   * RTM_NEWADDR that adds an address and fails with EEXIST if it is already there
   * (NLM_F_CREATE|NLM_F_EXCL), so that a caller never silently adopts someone else's address.
   */
  ByteBuffer addAddress(int sequence, int ifindex, InetAddress address, int prefixLength) {
    writer.begin(
        NlMsg.RTM_NEWADDR,
        NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_ACK | NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL,
        sequence);
    return addressBody(ifindex, address, prefixLength, defaultScope(address));
  }

  /** RTM_DELADDR of the address with exactly this prefix length; EADDRNOTAVAIL if absent. */
  ByteBuffer deleteAddress(int sequence, int ifindex, InetAddress address, int prefixLength) {
    writer.begin(NlMsg.RTM_DELADDR, NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_ACK, sequence);
    return addressBody(ifindex, address, prefixLength, AddressMessage.RT_SCOPE_UNIVERSE);
  }

  private static final int RT_TABLE_MAIN = KernelRoute.TABLE_MAIN;
  private static final int RTPROT_STATIC = KernelRoute.PROTOCOL_STATIC;
  private static final int RT_SCOPE_UNIVERSE = 0;
  private static final int RT_SCOPE_LINK = 253;
  private static final int RT_SCOPE_NOWHERE = 255;
  private static final int RTA_DST = 1;
  private static final int RTA_OIF = 4;
  private static final int RTA_GATEWAY = 5;
  private static final int RTA_PRIORITY = 6;
  private static final int RTA_MULTIPATH = 9;
  private static final int RTA_VIA = 18;
  private static final int AF_INET6 = 10;
  private static final int RTNH_HEADER = 8;

  /** RTM_GETROUTE dump of the routes of every family and table. */
  ByteBuffer routeDump(int sequence) {
    writer.begin(NlMsg.RTM_GETROUTE, NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_DUMP, sequence);
    writer.u8(AF_UNSPEC).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u32(0);
    return writer.finish();
  }

  /**
   * RTM_NEWROUTE that creates the route or replaces the one with the same destination and
   * metric (NLM_F_CREATE|NLM_F_REPLACE), as {@code ip route replace} does: protocol static,
   * main table, {@link KernelRoute#METRIC}; several hops go in RTA_MULTIPATH.
   */
  ByteBuffer replaceRoute(int sequence, KernelRoute route) {
    writer.begin(NlMsg.RTM_NEWROUTE, NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_ACK | NlMsg.NLM_F_CREATE
        | NlMsg.NLM_F_REPLACE, sequence);
    boolean onLink = route.hops().size() == 1 && route.hops().getFirst().gateway() == null;
    routeHeader(route.key(), RTPROT_STATIC, onLink ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE,
        route.type().rtnType);
    if (route.hops().size() == 1) {
      KernelRoute.Hop hop = route.hops().getFirst();
      writer.attributeU32(RTA_OIF, hop.ifindex());
      if (hop.gateway() != null) {
        boolean via = crossFamily(route, hop);
        writer.attribute(via ? RTA_VIA : RTA_GATEWAY, gatewayValue(hop, via));
      }
    } else if (route.hops().size() > 1) {
      writer.attribute(RTA_MULTIPATH, multipath(route));
    }
    return writer.finish();
  }

  /**
   * RTM_DELROUTE of the route with this destination and {@link KernelRoute#METRIC}, whatever
   * its type and hops (type, protocol and scope left open, as {@code ip route del} does).
   */
  ByteBuffer deleteRoute(int sequence, KernelRoute.Destination destination) {
    writer.begin(NlMsg.RTM_DELROUTE, NlMsg.NLM_F_REQUEST | NlMsg.NLM_F_ACK, sequence);
    routeHeader(destination, 0, RT_SCOPE_NOWHERE, 0);
    return writer.finish();
  }

  private void routeHeader(KernelRoute.Destination destination, int protocol, int scope,
      int type) {
    InetAddress address = destination.address();
    writer.u8(AddressMessage.family(address)).u8(destination.prefixLength()).u8(0).u8(0)
        .u8(RT_TABLE_MAIN).u8(protocol).u8(scope).u8(type).u32(0);
    writer.attribute(RTA_DST, address.getAddress());
    writer.attributeU32(RTA_PRIORITY, KernelRoute.METRIC);
  }

  /**
   * struct rtnexthop entries, each followed by its RTA_GATEWAY (or RTA_VIA), in host byte
   * order, each attribute padded to four octets.
   */
  private static byte[] multipath(KernelRoute route) {
    ByteBuffer b = ByteBuffer.allocate(route.hops().size() * (RTNH_HEADER + 4 + 20))
        .order(java.nio.ByteOrder.nativeOrder());
    for (KernelRoute.Hop hop : route.hops()) {
      boolean via = hop.gateway() != null && crossFamily(route, hop);
      byte[] gateway = hop.gateway() == null ? new byte[0] : gatewayValue(hop, via);
      int attribute = gateway.length == 0 ? 0 : 4 + gateway.length;
      int padded = (attribute + 3) & ~3;
      b.putShort((short) (RTNH_HEADER + padded)).put((byte) 0).put((byte) 0)
          .putInt(hop.ifindex());
      if (attribute > 0) {
        b.putShort((short) attribute).putShort((short) (via ? RTA_VIA : RTA_GATEWAY))
            .put(gateway).put(new byte[padded - attribute]);
      }
    }
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  /** An IPv4 route through an IPv6 gateway (RFC 5549/8950 routes), which needs RTA_VIA. */
  private static boolean crossFamily(KernelRoute route, KernelRoute.Hop hop) {
    return route.key().address() instanceof java.net.Inet4Address
        && hop.gateway() instanceof java.net.Inet6Address;
  }

  /** The gateway's address; for RTA_VIA, struct rtvia: the family (host order), then it. */
  private static byte[] gatewayValue(KernelRoute.Hop hop, boolean via) {
    byte[] address = hop.gateway().getAddress();
    if (!via) {
      return address;
    }
    return ByteBuffer.allocate(2 + address.length).order(java.nio.ByteOrder.nativeOrder())
        .putShort((short) AF_INET6).put(address).array();
  }

  private void linkHeader(int ifindex, int flags, int change) {
    // family, padding, device type: all 0, the kernel fills them in or ignores them.
    writer.u8(AF_UNSPEC).u8(0).u16(0).u32(ifindex).u32(flags).u32(change);
  }

  /**
   * The ifaddrmsg with IFA_LOCAL and IFA_ADDRESS both set to the address, as iproute2 does for
   * an address without a peer: IPv4 matches on IFA_LOCAL and IPv6 on IFA_ADDRESS, and equal
   * values tell both families that there is no peer.
   */
  private ByteBuffer addressBody(int ifindex, InetAddress address, int prefixLength, int scope) {
    byte[] bytes = address.getAddress();
    writer
        .u8(AddressMessage.family(address))
        .u8(prefixLength)
        .u8(0)
        .u8(scope)
        .u32(ifindex)
        .attribute(AddressMessage.IFA_LOCAL, bytes)
        .attribute(AddressMessage.IFA_ADDRESS, bytes);
    return writer.finish();
  }

  /**
   * Host scope for IPv4 loopback addresses, universe otherwise, as iproute2 chooses; the kernel
   * works out the scope of IPv6 addresses itself and ignores this field for them.
   */
  private static int defaultScope(InetAddress address) {
    return AddressMessage.family(address) == AddressMessage.AF_INET && address.isLoopbackAddress()
        ? AddressMessage.RT_SCOPE_HOST
        : AddressMessage.RT_SCOPE_UNIVERSE;
  }
}
