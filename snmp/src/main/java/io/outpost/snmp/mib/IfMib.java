package io.outpost.snmp.mib;

import io.outpost.snmp.mo.Smi;
import io.outpost.snmp.mo.Snapshot;
import io.outpost.snmp.mo.Subtree;
import io.outpost.snmp.source.InterfaceRow;
import io.outpost.snmp.source.InterfaceSource;
import java.util.List;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * IF-MIB (RFC 2863): {@code interfaces} (ifNumber and ifTable, 32-bit counters) and
 * {@code ifMIBObjects} (ifXTable, with the 64-bit counters every poller of a link faster than
 * 20 Mb/s needs). The 32-bit counters are the low halves of the 64-bit ones, so both wrap as
 * the RFC says. The deprecated NUcast, OutQLen and Specific columns are not served.
 */
public final class IfMib {
  public static final OID INTERFACES = new OID("1.3.6.1.2.1.2");
  public static final OID IF_ENTRY = new OID("1.3.6.1.2.1.2.2.1");
  public static final OID IF_MIB_OBJECTS = new OID("1.3.6.1.2.1.31.1");
  public static final OID IFX_ENTRY = new OID("1.3.6.1.2.1.31.1.1.1");
  /** How long one reading of the interfaces serves requests. */
  static final long MAX_AGE_MILLIS = 1_000;

  private IfMib() {}

  public static Subtree interfaces(InterfaceSource source) {
    return new Subtree(INTERFACES, b -> {
      List<InterfaceRow> rows = source.interfaces();
      b.scalar(new OID(INTERFACES).append(1), Smi.integer(rows.size()));
      for (InterfaceRow r : rows) {
        ifEntry(b, r);
      }
    }, MAX_AGE_MILLIS);
  }

  public static Subtree ifMibObjects(InterfaceSource source) {
    return new Subtree(IF_MIB_OBJECTS, b -> {
      for (InterfaceRow r : source.interfaces()) {
        ifXEntry(b, r);
      }
    }, MAX_AGE_MILLIS);
  }

  private static void ifEntry(Snapshot.Builder b, InterfaceRow r) {
    OID x = new OID(new int[] {r.index()});
    InterfaceRow.Counters c = r.counters();
    b.cell(IF_ENTRY, 1, x, Smi.integer(r.index()));
    b.cell(IF_ENTRY, 2, x, Smi.text(r.name()));
    b.cell(IF_ENTRY, 3, x, Smi.integer(r.type()));
    b.cell(IF_ENTRY, 4, x, Smi.integer(r.mtu()));
    b.cell(IF_ENTRY, 5, x, Smi.gauge(r.speed()));
    b.cell(IF_ENTRY, 6, x, new OctetString(r.mac()));
    b.cell(IF_ENTRY, 7, x, Smi.integer(r.adminUp() ? 1 : 2));
    b.cell(IF_ENTRY, 8, x, Smi.integer(r.operStatus()));
    b.cell(IF_ENTRY, 9, x, Smi.ticks(r.lastChange()));
    b.cell(IF_ENTRY, 10, x, Smi.counter32(c.inOctets()));
    b.cell(IF_ENTRY, 11, x, Smi.counter32(c.inUnicast()));
    b.cell(IF_ENTRY, 13, x, Smi.counter32(c.inDiscards()));
    b.cell(IF_ENTRY, 14, x, Smi.counter32(c.inErrors()));
    b.cell(IF_ENTRY, 15, x, Smi.counter32(0));
    b.cell(IF_ENTRY, 16, x, Smi.counter32(c.outOctets()));
    b.cell(IF_ENTRY, 17, x, Smi.counter32(c.outUnicast()));
    b.cell(IF_ENTRY, 19, x, Smi.counter32(c.outDiscards()));
    b.cell(IF_ENTRY, 20, x, Smi.counter32(c.outErrors()));
  }

  private static void ifXEntry(Snapshot.Builder b, InterfaceRow r) {
    OID x = new OID(new int[] {r.index()});
    InterfaceRow.Counters c = r.counters();
    b.cell(IFX_ENTRY, 1, x, Smi.text(r.name()));
    b.cell(IFX_ENTRY, 2, x, Smi.counter32(c.inMulticast()));
    b.cell(IFX_ENTRY, 3, x, Smi.counter32(c.inBroadcast()));
    b.cell(IFX_ENTRY, 4, x, Smi.counter32(c.outMulticast()));
    b.cell(IFX_ENTRY, 5, x, Smi.counter32(c.outBroadcast()));
    b.cell(IFX_ENTRY, 6, x, Smi.counter64(c.inOctets()));
    b.cell(IFX_ENTRY, 7, x, Smi.counter64(c.inUnicast()));
    b.cell(IFX_ENTRY, 8, x, Smi.counter64(c.inMulticast()));
    b.cell(IFX_ENTRY, 9, x, Smi.counter64(c.inBroadcast()));
    b.cell(IFX_ENTRY, 10, x, Smi.counter64(c.outOctets()));
    b.cell(IFX_ENTRY, 11, x, Smi.counter64(c.outUnicast()));
    b.cell(IFX_ENTRY, 12, x, Smi.counter64(c.outMulticast()));
    b.cell(IFX_ENTRY, 13, x, Smi.counter64(c.outBroadcast()));
    b.cell(IFX_ENTRY, 14, x, Smi.integer(1)); // ifLinkUpDownTrapEnable: enabled
    b.cell(IFX_ENTRY, 15, x, Smi.gauge(r.speed() / 1_000_000));
    b.cell(IFX_ENTRY, 16, x, Smi.truth(false));
    b.cell(IFX_ENTRY, 17, x, Smi.truth(r.type() == 6));
    b.cell(IFX_ENTRY, 18, x, Smi.text(r.alias()));
    b.cell(IFX_ENTRY, 19, x, Smi.ticks(0));
  }
}
