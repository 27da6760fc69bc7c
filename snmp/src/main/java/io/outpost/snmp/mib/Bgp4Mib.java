package io.outpost.snmp.mib;

import io.outpost.snmp.mo.Index;
import io.outpost.snmp.mo.Smi;
import io.outpost.snmp.mo.Subtree;
import io.outpost.snmp.source.BgpPathRow;
import io.outpost.snmp.source.BgpPeerRow;
import io.outpost.snmp.source.BgpSource;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * BGP4-MIB (RFC 4273): the speaker's version, AS and identifier, and bgpPeerTable. The MIB
 * predates 4-octet AS numbers and IPv6: an AS above 65535 shows as AS_TRANS (23456, as RFC 6793
 * says for 2-octet speakers), and a neighbor over IPv6 has no row (its table is indexed by an
 * IPv4 address). bgp4PathAttrTable holds at most {@link #PATH_LIMIT} paths (docs/snmp.md).
 */
public final class Bgp4Mib {
  public static final OID BGP = new OID("1.3.6.1.2.1.15");
  static final OID PEER_TABLE = new OID("1.3.6.1.2.1.15.3");
  static final OID PEER_ENTRY = new OID("1.3.6.1.2.1.15.3.1");
  /** bgpEstablishedNotification and bgpBackwardTransNotification. */
  public static final OID ESTABLISHED = new OID("1.3.6.1.2.1.15.0.1");
  public static final OID BACKWARD_TRANSITION = new OID("1.3.6.1.2.1.15.0.2");
  static final int AS_TRANS = 23456;
  static final OID PATH_TABLE = new OID("1.3.6.1.2.1.15.6");
  static final OID PATH_ENTRY = new OID("1.3.6.1.2.1.15.6.1");
  public static final int PATH_LIMIT = 10_000;

  private Bgp4Mib() {}

  /** The scalars, bgpPeerTable and bgp4PathAttrTable, each a subtree of its own. */
  public static List<Subtree> subtrees(BgpSource source) {
    OID version = new OID(BGP).append(1);
    OID localAs = new OID(BGP).append(2);
    OID identifier = new OID(BGP).append(4);
    return List.of(
        new Subtree(version, b -> b.scalar(version, new OctetString(new byte[] {0x10})), 60_000),
        new Subtree(localAs, b -> b.scalar(localAs, Smi.integer(twoOctet(source.localAs()))),
            1_000),
        peerTable(source),
        new Subtree(identifier, b -> b.scalar(identifier, ip(source.routerId())), 1_000),
        pathAttributes(source));
  }

  private static Subtree peerTable(BgpSource source) {
    return new Subtree(PEER_TABLE, b -> {
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
    }, 1_000);
  }

  /** bgp4PathAttrTable: the first {@link #PATH_LIMIT} paths the source gives, by index. */
  static Subtree pathAttributes(BgpSource source) {
    return new Subtree(PATH_TABLE, b -> {
      for (BgpPathRow p : source.paths(PATH_LIMIT)) {
        OID x = Index.of().ipAddress(p.prefix()).integer(p.length()).ipAddress(p.peer())
            .toOid();
        b.cell(PATH_ENTRY, 1, x, new IpAddress(p.peer()));
        b.cell(PATH_ENTRY, 2, x, Smi.integer(p.length()));
        b.cell(PATH_ENTRY, 3, x, new IpAddress(p.prefix()));
        b.cell(PATH_ENTRY, 4, x, Smi.integer(p.origin() + 1));
        b.cell(PATH_ENTRY, 5, x, new OctetString(segments(p.asPath())));
        b.cell(PATH_ENTRY, 6, x, ipOrZero(p.nextHop()));
        b.cell(PATH_ENTRY, 7, x, Smi.integer(clamp(p.med())));
        b.cell(PATH_ENTRY, 8, x, Smi.integer(clamp(p.localPref())));
        b.cell(PATH_ENTRY, 9, x, Smi.integer(p.atomicAggregate() ? 2 : 1));
        b.cell(PATH_ENTRY, 10, x, Smi.integer(twoOctet(p.aggregatorAs())));
        b.cell(PATH_ENTRY, 11, x, new IpAddress(new byte[] {
            (byte) (p.aggregatorAddress() >> 24), (byte) (p.aggregatorAddress() >> 16),
            (byte) (p.aggregatorAddress() >> 8), (byte) p.aggregatorAddress()}));
        b.cell(PATH_ENTRY, 12, x, Smi.integer(-1)); // the calculated preference is not kept
        b.cell(PATH_ENTRY, 13, x, Smi.integer(p.best() ? 2 : 1));
        b.cell(PATH_ENTRY, 14, x, new OctetString(p.unknown()));
      }
    }, 5_000);
  }

  /**
   * bgp4PathAttrASPathSegment: each segment as its type, its count and its ASes in two octets
   * (AS_TRANS for larger ones), at least two and at most 255 octets as the MIB's SIZE says.
   */
  static byte[] segments(int[] flat) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int at = 0; at + 1 < flat.length; at += 2 + flat[at + 1]) {
      int count = flat[at + 1];
      if (out.size() + 2 + 2 * count > 255) {
        break;
      }
      out.write(flat[at]);
      out.write(count);
      for (int i = 0; i < count; i++) {
        int as = twoOctet(Integer.toUnsignedLong(flat[at + 2 + i]));
        out.write(as >> 8);
        out.write(as);
      }
    }
    byte[] b = out.toByteArray();
    return b.length >= 2 ? b : new byte[] {2, 0}; // an empty path: one empty sequence
  }

  private static long clamp(long v) {
    return v < 0 ? -1 : Math.min(v, Integer.MAX_VALUE);
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
