package io.outpost.snmp.source;

/**
 * One interface as IF-MIB shows it (RFC 2863).
 *
 * @param index ifIndex: the kernel's interface index, stable while the interface exists
 * @param type the IANAifType number: 6 ethernetCsmacd, 24 softwareLoopback, 135 l2vlan, 131
 *     tunnel, 53 propVirtual, 1 other
 * @param speed bits per second, 0 when not known
 * @param mac the link-layer address, empty when the interface has none
 * @param operStatus ifOperStatus: 1 up, 2 down, 3 testing, 4 unknown, 5 dormant, 6 notPresent,
 *     7 lowerLayerDown
 * @param lastChange sysUpTime in hundredths of a second when operStatus last changed, 0 if
 *     before the agent started
 * @param counters the interface's counters since it was created
 */
public record InterfaceRow(int index, String name, String alias, int type, int mtu, long speed,
    byte[] mac, boolean adminUp, int operStatus, long lastChange, Counters counters) {

  /**
   * The counters, 64-bit. For an interface the data plane forwards on, these are the data
   * plane's; otherwise the kernel's. Unicast counts exclude multicast and broadcast.
   */
  public record Counters(long inOctets, long inUnicast, long inMulticast, long inBroadcast,
      long inDiscards, long inErrors, long outOctets, long outUnicast, long outMulticast,
      long outBroadcast, long outDiscards, long outErrors) {}
}
