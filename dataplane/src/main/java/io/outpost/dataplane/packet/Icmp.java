package io.outpost.dataplane.packet;

/**
 * ICMP (RFC 792) and ICMPv6 (RFC 4443, RFC 4861) types and codes the data plane reads or
 * emits. The header is type, code and checksum in the first four bytes of the message; the
 * next four depend on the type (unused, next-hop MTU, or the MTU for Packet Too Big).
 */
public final class Icmp {
  public static final int HEADER_LENGTH = 8;

  public static final int V4_ECHO_REPLY = 0;
  public static final int V4_DEST_UNREACHABLE = 3;
  public static final int V4_ECHO_REQUEST = 8;
  public static final int V4_TIME_EXCEEDED = 11;
  public static final int V4_NET_UNREACHABLE = 0;
  public static final int V4_HOST_UNREACHABLE = 1;
  public static final int V4_FRAGMENTATION_NEEDED = 4;
  public static final int V4_ADMIN_PROHIBITED = 13;

  public static final int V6_DEST_UNREACHABLE = 1;
  public static final int V6_PACKET_TOO_BIG = 2;
  public static final int V6_TIME_EXCEEDED = 3;
  public static final int V6_PARAMETER_PROBLEM = 4;
  public static final int V6_NO_ROUTE = 0;
  public static final int V6_ADMIN_PROHIBITED = 1;
  public static final int V6_ADDRESS_UNREACHABLE = 3;
  public static final int V6_REJECT_ROUTE = 6;
  public static final int V6_ROUTER_SOLICITATION = 133;
  public static final int V6_ROUTER_ADVERTISEMENT = 134;
  public static final int V6_NEIGHBOR_SOLICITATION = 135;
  public static final int V6_NEIGHBOR_ADVERTISEMENT = 136;

  /** ND options (RFC 4861 §4.6): source and target link-layer address. */
  public static final int ND_OPT_SOURCE_LL = 1;
  public static final int ND_OPT_TARGET_LL = 2;

  /** The smallest IPv6 MTU (RFC 8200 §5): an ICMPv6 error never grows past it. */
  public static final int IPV6_MIN_MTU = 1280;
  /** RFC 1812 §4.3.2.3: quote as much of the packet as fits in 576 bytes. */
  public static final int IPV4_ERROR_MAX = 576;

  private Icmp() {}

  /** Whether an ICMP type is an error (never answer an error with an error, RFC 1812). */
  public static boolean isV4Error(int type) {
    return type == V4_DEST_UNREACHABLE || type == V4_TIME_EXCEEDED || type == 4 || type == 5
        || type == 12;
  }

  /** Whether an ICMPv6 type is an error (types below 128, RFC 4443 §2.1). */
  public static boolean isV6Error(int type) {
    return type < 128;
  }
}
