package io.outpost.dataplane.table;

import java.util.Arrays;

/**
 * One layer-3 interface as the data plane sees it: a port, optionally a VLAN on it, and the
 * MAC, MTU and addresses the appliance owns there. Immutable; a change is a new
 * {@link ForwardingTables} snapshot.
 *
 * @param id the interface's index in {@link ForwardingTables#interfaces()}, also the key of its
 *     counters and its TAP mirror
 * @param name the configured name ("eth0", "eth0.100")
 * @param port the index of the port the interface sits on
 * @param vlan the 802.1Q VLAN id, 0 for the untagged interface of a port
 * @param mac the port's MAC in the low 48 bits
 * @param mtu the largest IP packet, in bytes, sent out of the interface
 * @param ipv4 the IPv4 addresses, as ints
 * @param ipv4Lengths their prefix lengths, index for index
 * @param ipv6 the IPv6 addresses as (hi, lo) pairs: element 2i is hi, 2i+1 is lo
 * @param ipv6Lengths their prefix lengths
 * @param enabled false when the interface is administratively down: what arrives on it is
 *     dropped, as a device that is down receives nothing
 */
public record L3Interface(
    int id, String name, int port, int vlan, long mac, int mtu, int[] ipv4, int[] ipv4Lengths,
    long[] ipv6, int[] ipv6Lengths, boolean enabled) {

  /** An interface that is up. */
  public L3Interface(int id, String name, int port, int vlan, long mac, int mtu, int[] ipv4,
      int[] ipv4Lengths, long[] ipv6, int[] ipv6Lengths) {
    this(id, name, port, vlan, mac, mtu, ipv4, ipv4Lengths, ipv6, ipv6Lengths, true);
  }

  public L3Interface {
    if (vlan < 0 || vlan > 4094) {
      throw new IllegalArgumentException(name + ": VLAN id must be 1..4094: " + vlan);
    }
    if (ipv4.length != ipv4Lengths.length || ipv6.length != 2 * ipv6Lengths.length) {
      throw new IllegalArgumentException(name + ": address and length arrays differ");
    }
  }

  /** The first IPv4 address, the source of ICMP errors sent from here; 0 when none. */
  public int primaryIpv4() {
    return ipv4.length == 0 ? 0 : ipv4[0];
  }

  /** Whether {@code address} is inside one of the interface's IPv4 subnets. */
  public boolean onLinkIpv4(int address) {
    for (int i = 0; i < ipv4.length; i++) {
      int length = ipv4Lengths[i];
      int mask = length == 0 ? 0 : -1 << (32 - length);
      if ((address & mask) == (ipv4[i] & mask)) {
        return true;
      }
    }
    return false;
  }

  /** The interface with other addresses. */
  public L3Interface withAddresses(int[] v4, int[] v4Lengths, long[] v6, int[] v6Lengths) {
    return new L3Interface(id, name, port, vlan, mac, mtu, v4, v4Lengths, v6, v6Lengths,
        enabled);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof L3Interface i && id == i.id && name.equals(i.name) && port == i.port
        && vlan == i.vlan && mac == i.mac && mtu == i.mtu && enabled == i.enabled
        && Arrays.equals(ipv4, i.ipv4)
        && Arrays.equals(ipv4Lengths, i.ipv4Lengths) && Arrays.equals(ipv6, i.ipv6)
        && Arrays.equals(ipv6Lengths, i.ipv6Lengths);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + id;
  }
}
