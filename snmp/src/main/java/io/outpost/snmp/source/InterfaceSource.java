package io.outpost.snmp.source;

import java.util.List;

/** The interfaces and their addresses, for IF-MIB and IP-MIB. */
public interface InterfaceSource {
  /** Every interface, in any order. */
  List<InterfaceRow> interfaces();

  /** Every address on an interface. */
  List<AddressRow> addresses();
}
