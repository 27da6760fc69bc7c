package io.outpost.snmp.mib;

import io.outpost.snmp.mo.Index;
import io.outpost.snmp.mo.Smi;
import io.outpost.snmp.mo.Subtree;
import io.outpost.snmp.source.BgpPeerRow;
import io.outpost.snmp.source.BgpSource;
import java.net.Inet4Address;
import java.net.InetAddress;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * BGP4-MIB (RFC 4273): the speaker's version, AS and identifier, and bgpPeerTable. The MIB
 * predates 4-octet AS numbers and IPv6: an AS above 65535 shows as AS_TRANS (23456, as RFC 6793
 * says for 2-octet speakers), and a neighbor over IPv6 has no row (its table is indexed by an
 * IPv4 address). bgp4PathAttrTable is not served (docs/snmp.md).
 */
public final class Bgp4Mib {
  public static final OID BGP = new OID("1.3.6.1.2.1.15");
  static final OID PEER_ENTRY = new OID("1.3.6.1.2.1.15.3.1");
  /** bgpEstablishedNotification and bgpBackwardTransNotification. */
  public static final OID ESTABLISHED = new OID("1.3.6.1.2.1.15.0.1");
  public static final OID BACKWARD_TRANSITION = new OID("1.3.6.1.2.1.15.0.2");
  static final int AS_TRANS = 23456;

  private Bgp4Mib() {}

  public static Subtree subtree(BgpSource source) {
    return new Subtree(BGP, b -> {
      b.scalar(new OID(BGP).append(1), new OctetString(new byte[] {0x10})); // version 4 only
      b.scalar(new OID(BGP).append(2), Smi.integer(twoOctet(source.localAs())));
      for (BgpPeerRow p : source.peers()) {
        if (!(p.remoteAddress() instanceof Inet4Address remote)) {
          continue;
        }
        OID x = Index.of().ipAddress(remote).toOid();
        b.cell(PEER_ENTRY, 1, x, ip(p.remoteId()));
        b.cell(PEER_ENTRY, 2, x, Smi.integer(p.state()));
        b.cell(PEER_ENTRY, 3, x, Smi.integer(p.adminUp() ? 2 : 1));
        b.cell(PEER_ENTRY, 4, x, Smi.integer(p.state() == 6 ? 4 : 0));
        b.cell(PEER_ENTRY, 5, x, ipOrZero(p.localAddress()));
        b.cell(PEER_ENTRY, 6, x, Smi.integer(p.localPort()));
        b.cell(PEER_ENTRY, 7, x, new IpAddress(remote));
        b.cell(PEER_ENTRY, 8, x, Smi.integer(p.remotePort()));
        b.cell(PEER_ENTRY, 9, x, Smi.integer(twoOctet(p.remoteAs())));
        b.cell(PEER_ENTRY, 10, x, Smi.counter32(p.inUpdates()));
        b.cell(PEER_ENTRY, 11, x, Smi.counter32(p.outUpdates()));
        b.cell(PEER_ENTRY, 12, x, Smi.counter32(p.inMessages()));
        b.cell(PEER_ENTRY, 13, x, Smi.counter32(p.outMessages()));
        b.cell(PEER_ENTRY, 14, x, new OctetString(new byte[] {(byte) p.lastErrorCode(),
            (byte) p.lastErrorSubcode()}));
        b.cell(PEER_ENTRY, 15, x, Smi.counter32(p.establishedTransitions()));
        b.cell(PEER_ENTRY, 16, x, Smi.gauge(p.establishedSeconds()));
        b.cell(PEER_ENTRY, 17, x, Smi.integer(p.connectRetrySeconds()));
        b.cell(PEER_ENTRY, 18, x, Smi.integer(p.holdTime()));
        b.cell(PEER_ENTRY, 19, x, Smi.integer(p.keepalive()));
        b.cell(PEER_ENTRY, 20, x, Smi.integer(p.holdTimeConfigured()));
        b.cell(PEER_ENTRY, 21, x, Smi.integer(p.keepaliveConfigured()));
        b.cell(PEER_ENTRY, 22, x, Smi.integer(0));
        b.cell(PEER_ENTRY, 23, x, Smi.integer(0));
        b.cell(PEER_ENTRY, 24, x, Smi.gauge(p.lastUpdateSeconds()));
      }
      b.scalar(new OID(BGP).append(4), ip(source.routerId()));
    }, 1_000);
  }

  static int twoOctet(long as) {
    return as > 65535 ? AS_TRANS : (int) as;
  }

  private static IpAddress ip(String dotted) {
    return dotted == null ? new IpAddress("0.0.0.0") : new IpAddress(dotted);
  }

  private static IpAddress ipOrZero(InetAddress a) {
    return a instanceof Inet4Address v4 ? new IpAddress(v4) : new IpAddress("0.0.0.0");
  }
}
