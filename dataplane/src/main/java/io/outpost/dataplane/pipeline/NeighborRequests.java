package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.neighbor.Neighbor;
import io.outpost.dataplane.neighbor.NeighborProber;
import io.outpost.dataplane.packet.Arp;
import io.outpost.dataplane.packet.Bytes;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.packet.Icmp;
import io.outpost.dataplane.packet.Ipv6;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import java.lang.foreign.MemorySegment;

/**
 * Builds the data plane's own ARP requests, gratuitous ARPs, neighbor solicitations and
 * unsolicited neighbor advertisements straight into a transmit ring.
 */
final class NeighborRequests implements NeighborProber {
  private static final int NS_LENGTH = 32;
  /** Padding for ARP frames up to Ethernet's 60-byte minimum, copied without a slice. */
  private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[60]); // type..target (24) + source link-layer option (8)

  private final Transmitter tx;
  private final WorkerCounters counters;
  private ForwardingTables tables;

  NeighborRequests(Transmitter tx, WorkerCounters counters) {
    this.tx = tx;
    this.counters = counters;
  }

  /** The snapshot to find interfaces in; set by the worker before each use. */
  void tables(ForwardingTables t) {
    this.tables = t;
  }

  @Override
  public void probe(Neighbor n, boolean unicast) {
    if (tables == null || n.interfaceId() >= tables.interfaces().length) {
      return;
    }
    L3Interface out = tables.interfaceAt(n.interfaceId());
    long dstMac = unicast ? n.mac() : -1;
    if (n.family() == 4) {
      int source = sourceFor(out, n.ipv4());
      if (source != 0) {
        arp(out, Arp.REQUEST, dstMac < 0 ? Ethernet.BROADCAST : dstMac, source, unicast ? dstMac : 0,
            n.ipv4());
      }
    } else {
      solicit(out, n.ipv6Hi(), n.ipv6Lo(), dstMac);
    }
  }

  /** The interface address on the same subnet as {@code target}, else its first; 0 if none. */
  private static int sourceFor(L3Interface out, int target) {
    int[] a = out.ipv4();
    for (int k = 0; k < a.length; k++) {
      int len = out.ipv4Lengths()[k];
      int mask = len == 0 ? 0 : -1 << (32 - len);
      if ((a[k] & mask) == (target & mask)) {
        return a[k];
      }
    }
    return out.primaryIpv4();
  }

  /** Sends an ARP message; a gratuitous ARP is a request with sender == target. */
  void arp(L3Interface out, int op, long dstMac, int senderIp, long targetMac, int targetIp) {
    PortQueue q = tx.queue(out.port());
    int l2 = out.vlan() == 0 ? Ethernet.HEADER_LENGTH : Ethernet.HEADER_LENGTH + 4;
    int length = Math.max(60, l2 + Arp.LENGTH);
    long at = q == null ? -1 : q.claimTx(length);
    if (at < 0) {
      return;
    }
    MemorySegment s = q.txBuffer();
    Ethernet.writeHeader(s, at, dstMac, out.mac(), out.vlan(), Ethernet.TYPE_ARP);
    Arp.write(s, at + l2, op, out.mac(), senderIp, targetMac, targetIp);
    MemorySegment.copy(ZEROS, 0, s, at + l2 + Arp.LENGTH, length - l2 - Arp.LENGTH);
    tx.commit(q, out.port(), out.id(), length);
    counters.neighborRequestsSent++;
  }

  /** Sends a neighbor solicitation for (hi, lo); to the solicited-node group unless unicast. */
  void solicit(L3Interface out, long hi, long lo, long unicastMac) {
    long srcHi = Ipv6.LINK_LOCAL_HI;
    long srcLo = Ipv6.linkLocalLo(out.mac());
    long dstHi = unicastMac >= 0 ? hi : Ipv6.SOLICITED_NODE_HI;
    long dstLo = unicastMac >= 0 ? lo : Ipv6.solicitedNodeLo(lo);
    long dstMac = unicastMac >= 0 ? unicastMac : 0x3333_0000_0000L | (dstLo & 0xffff_ffffL);
    ndMessage(out, Icmp.V6_NEIGHBOR_SOLICITATION, 0, dstMac, srcHi, srcLo, dstHi, dstLo, hi, lo,
        Icmp.ND_OPT_SOURCE_LL);
  }

  /** Sends an unsolicited neighbor advertisement for one of our addresses to all nodes. */
  void advertise(L3Interface out, long hi, long lo) {
    ndMessage(out, Icmp.V6_NEIGHBOR_ADVERTISEMENT, 0x2000_0000 /* override */,
        0x3333_0000_0001L, hi, lo, 0xff02_0000_0000_0000L, 1, hi, lo, Icmp.ND_OPT_TARGET_LL);
  }

  private void ndMessage(L3Interface out, int type, int flags, long dstMac, long srcHi,
      long srcLo, long dstHi, long dstLo, long targetHi, long targetLo, int option) {
    PortQueue q = tx.queue(out.port());
    int l2 = out.vlan() == 0 ? Ethernet.HEADER_LENGTH : Ethernet.HEADER_LENGTH + 4;
    int length = l2 + Ipv6.HEADER_LENGTH + NS_LENGTH;
    long at = q == null ? -1 : q.claimTx(length);
    if (at < 0) {
      return;
    }
    MemorySegment s = q.txBuffer();
    Ethernet.writeHeader(s, at, dstMac, out.mac(), out.vlan(), Ethernet.TYPE_IPV6);
    long ip = at + l2;
    Ipv6Builder.header(s, ip, NS_LENGTH, Ipv6.PROTO_ICMPV6, 255, srcHi, srcLo, dstHi, dstLo);
    long icmp = ip + Ipv6.HEADER_LENGTH;
    Bytes.u8(s, icmp, type);
    Bytes.u8(s, icmp + 1, 0);
    Bytes.u32(s, icmp + 4, flags);
    Bytes.u64(s, icmp + 8, targetHi);
    Bytes.u64(s, icmp + 16, targetLo);
    Bytes.u8(s, icmp + 24, option);
    Bytes.u8(s, icmp + 25, 1);
    Bytes.mac(s, icmp + 26, out.mac());
    Ipv6Builder.icmpChecksum(s, ip, NS_LENGTH);
    tx.commit(q, out.port(), out.id(), length);
    counters.neighborRequestsSent++;
  }
}
