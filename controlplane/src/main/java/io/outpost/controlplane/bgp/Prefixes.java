package io.outpost.controlplane.bgp;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.outpost.bgp.wire.Family;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Between the control plane's prefixes ({@link IPAddress}) and the speaker's form: a family and
 * two longs, IPv4 in the low 32 bits of the first (as {@link io.outpost.bgp.wire.Nlri} keeps it).
 */
final class Prefixes {
  private Prefixes() {}

  /** A prefix in the speaker's form. */
  record Key(Family family, long hi, long lo, int length) {}

  static Key key(IPAddress prefix) {
    IPAddress p = prefix.toPrefixBlock();
    byte[] b = p.getLower().getBytes();
    int length = p.getNetworkPrefixLength() == null ? b.length * 8 : p.getNetworkPrefixLength();
    if (b.length == 4) {
      return new Key(Family.IPV4_UNICAST, ByteBuffer.wrap(b).getInt() & 0xffff_ffffL, 0, length);
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new Key(Family.IPV6_UNICAST, buf.getLong(), buf.getLong(), length);
  }

  static IPAddress prefix(Family family, long hi, long lo, int length) {
    return family == Family.IPV4_UNICAST ? new IPv4Address((int) hi, length)
        : new IPv6Address(hi, lo, length);
  }

  /** An address as the control plane keeps it. */
  static IPAddress address(InetAddress a) {
    byte[] b = a.getAddress();
    return b.length == 4 ? new IPv4Address(b) : new IPv6Address(b);
  }

  /** The (first) address as Java's sockets take it. */
  static InetAddress inet(IPAddress address) {
    try {
      return InetAddress.getByAddress(address.getLower().getBytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
    }
  }

  /** A BGP identifier (unsigned 32 bits) written as an IPv4 address. */
  static String routerId(long id) {
    return new IPv4Address((int) id).toCanonicalString();
  }

  /** Parses a prefix or address the schema has already checked. */
  static IPAddress parse(String text) {
    return new IPAddressString(text).getAddress();
  }
}
