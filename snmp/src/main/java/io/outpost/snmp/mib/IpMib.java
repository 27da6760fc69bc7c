package io.outpost.snmp.mib;

import io.outpost.snmp.mo.Index;
import io.outpost.snmp.mo.Smi;
import io.outpost.snmp.mo.Subtree;
import io.outpost.snmp.source.AddressRow;
import io.outpost.snmp.source.InterfaceSource;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;

/**
 * IP-MIB's addresses (RFC 4293): the protocol-independent ipAddressTable, and the IPv4-only
 * ipAddrTable most pollers still read. Also ipForwarding and ipDefaultTTL: the appliance
 * forwards.
 */
public final class IpMib {
  public static final OID IP_FORWARDING = new OID("1.3.6.1.2.1.4.1");
  public static final OID IP_DEFAULT_TTL = new OID("1.3.6.1.2.1.4.2");
  public static final OID IP_ADDR_TABLE = new OID("1.3.6.1.2.1.4.20");
  public static final OID IP_ADDRESS_TABLE = new OID("1.3.6.1.2.1.4.34");

  private IpMib() {}

  public static List<Subtree> subtrees(InterfaceSource source) {
    return List.of(
        new Subtree(IP_FORWARDING, b -> b.scalar(IP_FORWARDING, Smi.integer(1)), 60_000),
        new Subtree(IP_DEFAULT_TTL, b -> b.scalar(IP_DEFAULT_TTL, Smi.integer(64)), 60_000),
        ipAddrTable(source), ipAddressTable(source));
  }

  private static Subtree ipAddrTable(InterfaceSource source) {
    OID entry = new OID(IP_ADDR_TABLE).append(1);
    return new Subtree(IP_ADDR_TABLE, b -> {
      for (AddressRow a : source.addresses()) {
        if (!(a.address() instanceof Inet4Address v4)) {
          continue;
        }
        OID x = Index.of().ipAddress(v4).toOid();
        long mask = a.prefixLength() == 0 ? 0 : (0xffff_ffffL << (32 - a.prefixLength()));
        byte[] m = {(byte) (mask >> 24), (byte) (mask >> 16), (byte) (mask >> 8), (byte) mask};
        b.cell(entry, 1, x, new IpAddress(v4));
        b.cell(entry, 2, x, Smi.integer(a.ifIndex()));
        b.cell(entry, 3, x, new IpAddress(m));
        b.cell(entry, 4, x, Smi.integer(1));
        b.cell(entry, 5, x, Smi.integer(65535));
      }
    }, 1_000);
  }

  private static Subtree ipAddressTable(InterfaceSource source) {
    OID entry = new OID(IP_ADDRESS_TABLE).append(1);
    return new Subtree(IP_ADDRESS_TABLE, b -> {
      for (AddressRow a : source.addresses()) {
        OID x = Index.of().inetAddress(a.address()).toOid();
        boolean linkLocal = a.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress();
        b.cell(entry, 3, x, Smi.integer(a.ifIndex()));
        b.cell(entry, 4, x, Smi.integer(1)); // unicast
        b.cell(entry, 5, x, Smi.ZERO_DOT_ZERO); // no ipAddressPrefixTable row
        b.cell(entry, 6, x, Smi.integer(linkLocal ? 5 : 2)); // linklayer or manual
        b.cell(entry, 7, x, Smi.integer(1)); // preferred
        b.cell(entry, 8, x, Smi.ticks(0));
        b.cell(entry, 9, x, Smi.ticks(0));
        b.cell(entry, 10, x, Smi.integer(1)); // active
        b.cell(entry, 11, x, Smi.integer(2)); // volatile
      }
    }, 1_000);
  }
}
