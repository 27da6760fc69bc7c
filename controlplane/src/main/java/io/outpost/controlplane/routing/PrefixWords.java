package io.outpost.controlplane.routing;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A prefix as the BGP speaker and the data plane's FIB keep it: the family and two words, an
 * IPv4 address in the low 32 bits of {@code hi}. The one place that converts between that and
 * the control plane's {@link IPAddress}, both ways.
 */
public record PrefixWords(boolean ipv6, long hi, long lo, int length) {
  /** The words of {@code prefix}; an address without a length is a host prefix. */
  public static PrefixWords of(IPAddress prefix) {
    IPAddress p = prefix.toPrefixBlock();
    byte[] b = p.getLower().getBytes();
    int length = p.getNetworkPrefixLength() == null ? b.length * 8 : p.getNetworkPrefixLength();
    ByteBuffer buf = ByteBuffer.wrap(b);
    return b.length == 4 ? new PrefixWords(false, buf.getInt() & 0xffff_ffffL, 0, length)
        : new PrefixWords(true, buf.getLong(), buf.getLong(), length);
  }

  /** The prefix these words make. */
  public static IPAddress prefix(boolean ipv6, long hi, long lo, int length) {
    return ipv6 ? new IPv6Address(hi, lo, length) : new IPv4Address((int) hi, length);
  }

  /** An address as the control plane keeps it. */
  public static IPAddress address(InetAddress a) {
    byte[] b = a.getAddress();
    return b.length == 4 ? new IPv4Address(b) : new IPv6Address(b);
  }
}
