package io.outpost.dataplane.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The address message of rtnetlink ({@code struct ifaddrmsg} and its IFA_* attributes,
 * linux/if_addr.h): its layout, the attribute types this package reads or writes, and the
 * decoding of an RTM_NEWADDR message into an {@link Address}.
 *
 * <pre>
 * +---------------+---------------+---------------+---------------+
 * |    family     | prefix length | flags (8 bits)|     scope     |
 * +---------------+---------------+---------------+---------------+
 * |                      interface index                          |
 * +---------------------------------------------------------------+
 * |      IFA_* attributes ...                                     |
 * </pre>
 */
final class AddressMessage {
  static final int FAMILY_OFFSET = 0;
  static final int PREFIX_LENGTH_OFFSET = 1;
  static final int FLAGS_OFFSET = 2;
  static final int SCOPE_OFFSET = 3;
  static final int INDEX_OFFSET = 4;
  static final int SIZE = 8;

  static final int AF_INET = 2;
  static final int AF_INET6 = 10;

  static final int RT_SCOPE_UNIVERSE = 0;
  static final int RT_SCOPE_HOST = 254;

  /** For IPv4 the prefix (the peer's address on a point-to-point link); for IPv6 the address. */
  static final int IFA_ADDRESS = 1;
  /** The interface's own address; IPv6 sends it only with a peer. */
  static final int IFA_LOCAL = 2;
  /** All 32 bits of the flags, of which the ifaddrmsg field holds only the low 8. */
  static final int IFA_FLAGS = 8;

  private AddressMessage() {}

  /**
   * Decodes the payload of an RTM_NEWADDR message, or returns empty for a family other than IPv4
   * and IPv6 (an AF_UNSPEC dump can include, say, MPLS or DECnet addresses).
   */
  static Optional<Address> decode(ByteBuffer buffer, int offset, int length) {
    if (length < SIZE) {
      throw new NetlinkException(
          "malformed RTM_NEWADDR: " + length + "-byte payload, ifaddrmsg needs " + SIZE,
          Errno.EBADMSG);
    }
    int family = Byte.toUnsignedInt(buffer.get(offset + FAMILY_OFFSET));
    if (family != AF_INET && family != AF_INET6) {
      return Optional.empty();
    }
    NetlinkAttributes attributes =
        NetlinkAttributes.parse(buffer, offset + SIZE, length - SIZE);
    byte[] bytes = attributes.bytes(attributes.has(IFA_LOCAL) ? IFA_LOCAL : IFA_ADDRESS);
    int expected = family == AF_INET ? 4 : 16;
    if (bytes.length != expected) {
      throw new NetlinkException(
          "malformed RTM_NEWADDR: " + bytes.length + "-byte address for family " + family,
          Errno.EBADMSG);
    }
    return Optional.of(
        new Address(
            buffer.getInt(offset + INDEX_OFFSET),
            inetAddress(bytes),
            Byte.toUnsignedInt(buffer.get(offset + PREFIX_LENGTH_OFFSET)),
            Byte.toUnsignedInt(buffer.get(offset + SCOPE_OFFSET)),
            attributes.u32(IFA_FLAGS, Byte.toUnsignedInt(buffer.get(offset + FLAGS_OFFSET)))));
  }

  /** The address family number of an address. */
  static int family(InetAddress address) {
    return address.getAddress().length == 4 ? AF_INET : AF_INET6;
  }

  private static InetAddress inetAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException impossible) {
      // getByAddress throws only for a length other than 4 or 16, checked above.
      throw new AssertionError(impossible);
    }
  }
}
