package io.outpost.controlplane.bgp;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.outpost.bgp.wire.Family;
import io.outpost.controlplane.routing.PrefixWords;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Between the control plane's prefixes ({@link IPAddress}) and the speaker's form: a family and
 * two longs, IPv4 in the low 32 bits of the first (as {@link io.outpost.bgp.wire.Nlri} keeps it),
 * through {@link PrefixWords}.
 */
final class Prefixes {
  private Prefixes() {}

  /** A prefix in the speaker's form. */
  record Key(Family family, long hi, long lo, int length) {}

  static Key key(IPAddress prefix) {
    PrefixWords w = PrefixWords.of(prefix);
    return new Key(w.ipv6() ? Family.IPV6_UNICAST : Family.IPV4_UNICAST, w.hi(), w.lo(),
        w.length());
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
