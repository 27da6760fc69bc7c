package io.outpost.dataplane.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The route message of rtnetlink ({@code struct rtmsg} and the RTA_* attributes this package
 * reads, linux/rtnetlink.h): decoding an RTM_NEWROUTE of a dump into what {@link RtNetlink}
 * needs to recognise its own routes.
 *
 * <pre>
 * | family | dst_len | src_len | tos | table | protocol | scope | type | flags (32 bits) |
 * | RTA_* attributes ...                                                                |
 * </pre>
 */
final class RouteMessage {
  static final int SIZE = 12;
  private static final int RTA_DST = 1;
  private static final int RTA_PRIORITY = 6;
  private static final int RTA_TABLE = 15;

  private RouteMessage() {}

  /**
   * A route of a dump: its destination, the table (RTA_TABLE when present, else the header's
   * 8-bit field), protocol, type and metric.
   */
  record Installed(InetAddress destination, int prefixLength, int table, int protocol,
      int type, int metric) {}

  /** Decodes an RTM_NEWROUTE payload; empty for families other than IPv4 and IPv6. */
  static Optional<Installed> decode(ByteBuffer buffer, int offset, int length) {
    if (length < SIZE) {
      throw new NetlinkException("malformed RTM_NEWROUTE: " + length + "-byte payload, rtmsg"
          + " needs " + SIZE, Errno.EBADMSG);
    }
    int family = Byte.toUnsignedInt(buffer.get(offset));
    if (family != AddressMessage.AF_INET && family != AddressMessage.AF_INET6) {
      return Optional.empty();
    }
    int prefixLength = Byte.toUnsignedInt(buffer.get(offset + 1));
    NetlinkAttributes a = NetlinkAttributes.parse(buffer, offset + SIZE, length - SIZE);
    byte[] destination = a.has(RTA_DST) ? a.bytes(RTA_DST)
        : new byte[family == AddressMessage.AF_INET ? 4 : 16]; // a default route has none
    try {
      return Optional.of(new Installed(InetAddress.getByAddress(destination), prefixLength,
          a.u32(RTA_TABLE, Byte.toUnsignedInt(buffer.get(offset + 4))),
          Byte.toUnsignedInt(buffer.get(offset + 5)), Byte.toUnsignedInt(buffer.get(offset + 7)),
          a.u32(RTA_PRIORITY, 0)));
    } catch (UnknownHostException e) {
      throw new NetlinkException("malformed RTM_NEWROUTE: " + destination.length
          + "-byte destination", Errno.EBADMSG);
    }
  }
}
