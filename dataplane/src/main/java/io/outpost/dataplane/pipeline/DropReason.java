package io.outpost.dataplane.pipeline;

/**
 * Why the data plane dropped a frame. Every drop is counted under exactly one reason, per
 * worker and per ingress interface where known; {@code show dataplane} and
 * {@code show interfaces} print the non-zero ones.
 */
public enum DropReason {
  TRUNCATED_ETHERNET("frame shorter than its Ethernet header"),
  NOT_FOR_US("unicast to another MAC"),
  UNKNOWN_INTERFACE("no interface for the port and VLAN"),
  ADMIN_DOWN("interface is administratively down"),
  UNSUPPORTED_ETHERTYPE("ethertype not handled"),
  BAD_ARP("malformed ARP"),
  ARP_NOT_FOR_US("ARP for an address we do not own"),
  TRUNCATED_IPV4("IPv4 header runs past the frame"),
  BAD_IPV4_VERSION("IPv4 version field is not 4"),
  BAD_IPV4_IHL("IPv4 header length below 20 bytes"),
  BAD_IPV4_LENGTH("IPv4 total length disagrees with the frame"),
  BAD_IPV4_CHECKSUM("IPv4 header checksum wrong"),
  BAD_IPV4_SOURCE("IPv4 source is multicast, broadcast or loopback"),
  TRUNCATED_IPV6("IPv6 header runs past the frame"),
  BAD_IPV6_VERSION("IPv6 version field is not 6"),
  BAD_IPV6_LENGTH("IPv6 payload length disagrees with the frame"),
  BAD_IPV6_HEADERS("IPv6 extension headers malformed"),
  BAD_IPV6_SOURCE("IPv6 source is multicast or loopback"),
  LINK_LOCAL_NOT_FORWARDED("link-local address may not be forwarded"),
  MULTICAST_NOT_ROUTED("multicast is not routed"),
  TTL_EXPIRED("TTL or hop limit exceeded"),
  NO_ROUTE("no route to the destination"),
  BLACKHOLE("route is a blackhole"),
  REJECT("route rejects"),
  TOO_BIG("larger than the egress MTU"),
  NEIGHBOR_FAILED("neighbor did not answer resolution"),
  NEIGHBOR_QUEUE_FULL("too many packets waiting for resolution"),
  NEIGHBOR_TIMEOUT("waited too long for resolution"),
  TX_RING_FULL("transmit ring full"),
  PUNT_FAILED("the kernel mirror did not take the frame"),
  INTERFACE_DOWN("egress interface has no port queue");

  private final String description;

  DropReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** The name as shown to engineers: lower case with dashes. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  static final DropReason[] VALUES = values();
}
