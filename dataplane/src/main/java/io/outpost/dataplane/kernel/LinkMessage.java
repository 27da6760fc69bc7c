package io.outpost.dataplane.kernel;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The link message of rtnetlink ({@code struct ifinfomsg} and its IFLA_* attributes,
 * linux/rtnetlink.h and linux/if_link.h): its layout, the attribute types this package reads or
 * writes, and the decoding of an RTM_NEWLINK message into a {@link Link}.
 *
 * <pre>
 * +---------------+---------------+-------------------------------+
 * |    family     |    padding    |      device type (ARPHRD_*)   |
 * +---------------+---------------+-------------------------------+
 * |                      interface index                          |
 * +---------------------------------------------------------------+
 * |                      flags (IFF_*)                            |
 * +---------------------------------------------------------------+
 * |      change mask: which flags a request changes               |
 * +---------------------------------------------------------------+
 * |      IFLA_* attributes ...                                    |
 * </pre>
 */
final class LinkMessage {
  static final int INDEX_OFFSET = 4;
  static final int FLAGS_OFFSET = 8;
  static final int SIZE = 16;

  static final int IFF_UP = 0x1;

  static final int IFLA_ADDRESS = 1;
  static final int IFLA_IFNAME = 3;
  static final int IFLA_MTU = 4;
  static final int IFLA_OPERSTATE = 16;
  static final int IFLA_LINKINFO = 18;
  static final int IFLA_STATS64 = 23;
  static final int IFLA_MIN_MTU = 50;
  static final int IFLA_MAX_MTU = 51;
  /** Inside IFLA_LINKINFO: the driver's name for the kind of link, "veth", "dummy", ... */
  static final int IFLA_INFO_KIND = 1;

  /** The longest interface name, IFNAMSIZ less the terminating NUL. */
  static final int MAX_NAME_LENGTH = 15;

  /** RFC 2863 operational states, indexed by the kernel's IF_OPER_* value. */
  private static final String[] OPER_STATES = {
    "unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up"
  };

  private static final LinkStats NO_STATS = new LinkStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

  private LinkMessage() {}

  /** Decodes the payload of an RTM_NEWLINK message: its ifinfomsg and attributes. */
  static Link decode(ByteBuffer buffer, int offset, int length) {
    if (length < SIZE) {
      throw new NetlinkException(
          "malformed RTM_NEWLINK: " + length + "-byte payload, ifinfomsg needs " + SIZE,
          Errno.EBADMSG);
    }
    NetlinkAttributes attributes =
        NetlinkAttributes.parse(buffer, offset + SIZE, length - SIZE);
    int flags = buffer.getInt(offset + FLAGS_OFFSET);
    return new Link(
        buffer.getInt(offset + INDEX_OFFSET),
        attributes.string(IFLA_IFNAME),
        attributes.nested(IFLA_LINKINFO).string(IFLA_INFO_KIND),
        attributes.u32(IFLA_MTU, 0),
        attributes.u32(IFLA_MIN_MTU, 0),
        attributes.u32(IFLA_MAX_MTU, 0),
        (flags & IFF_UP) != 0,
        operState(attributes.u8(IFLA_OPERSTATE, 0)),
        HexFormat.ofDelimiter(":").formatHex(attributes.bytes(IFLA_ADDRESS)),
        attributes.has(IFLA_STATS64) ? stats(attributes) : NO_STATS);
  }

  private static String operState(int value) {
    // A state added by a later kernel keeps its number rather than being folded into another.
    return value < OPER_STATES.length ? OPER_STATES[value] : "state " + value;
  }

  /** The leading fields of {@code struct rtnl_link_stats64}, which later kernels extend. */
  private static LinkStats stats(NetlinkAttributes attributes) {
    return new LinkStats(
        attributes.u64(IFLA_STATS64, 0),
        attributes.u64(IFLA_STATS64, 1),
        attributes.u64(IFLA_STATS64, 2),
        attributes.u64(IFLA_STATS64, 3),
        attributes.u64(IFLA_STATS64, 4),
        attributes.u64(IFLA_STATS64, 5),
        attributes.u64(IFLA_STATS64, 6),
        attributes.u64(IFLA_STATS64, 7),
        attributes.u64(IFLA_STATS64, 8));
  }
}
