package io.outpost.snmp.source;

import java.net.InetAddress;

/** An address assigned to an interface (IP-MIB ipAddressTable and ipAddrTable). */
public record AddressRow(int ifIndex, InetAddress address, int prefixLength) {}
