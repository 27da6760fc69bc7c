package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.fib.Ipv6Fib;
import io.outpost.dataplane.neighbor.NeighborTable;
import io.outpost.dataplane.packet.Bytes;
import io.outpost.dataplane.packet.Icmp;
import io.outpost.dataplane.packet.Ipv6;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import java.lang.foreign.MemorySegment;

/**
 * IPv6 input: checks the header and walks the extension headers (bounded), sends packets for
 * our own addresses and for link-scope multicast (ff02::/16: all-nodes, all-routers,
 * solicited-node, MLD) to the kernel mirror after learning neighbors from neighbor
 * solicitations and advertisements in them, refuses to forward link-local addresses, answers
 * an expiring hop limit with time exceeded, and looks the rest up in the FIB.
 */
final class Ipv6Input {
  private final WorkerCounters counters;
  private final IcmpErrors icmp;
  private final NeighborTable neighbors;

  Ipv6Input(WorkerCounters counters, IcmpErrors icmp, NeighborTable neighbors) {
    this.counters = counters;
    this.icmp = icmp;
    this.neighbors = neighbors;
  }

  void run(Vector v, ForwardingTables t, Ipv6Fib fib, long now) {
    MemorySegment s = v.buf;
    int n = v.size();
    int seen = 0;
    for (int i = 0; i < n; i++) {
      if (v.next[i] != Arc.IPV6) {
        continue;
      }
      seen++;
      long ip = v.l3[i];
      int available = v.available(i);
      if (available < Ipv6.HEADER_LENGTH) {
        Drops.drop(v, i, DropReason.TRUNCATED_IPV6, counters);
        continue;
      }
      if (Ipv6.version(s, ip) != 6) {
        Drops.drop(v, i, DropReason.BAD_IPV6_VERSION, counters);
        continue;
      }
      int total = Ipv6.HEADER_LENGTH + Ipv6.payloadLength(s, ip);
      if (total > available) {
        Drops.drop(v, i, DropReason.BAD_IPV6_LENGTH, counters);
        continue;
      }
      v.l3Length[i] = total;
      long srcHi = Ipv6.sourceHi(s, ip);
      long srcLo = Ipv6.sourceLo(s, ip);
      if (Ipv6.isMulticast(srcHi) || (srcHi == 0 && srcLo == 1)) {
        Drops.drop(v, i, DropReason.BAD_IPV6_SOURCE, counters);
        continue;
      }
      long dstHi = Ipv6.destinationHi(s, ip);
      long dstLo = Ipv6.destinationLo(s, ip);
      L3Interface in = t.interfaceAt(v.ifIn[i]);
      boolean local = t.local().owner6(dstHi, dstLo) >= 0
          || (dstHi == Ipv6.LINK_LOCAL_HI && dstLo == Ipv6.linkLocalLo(in.mac()));
      if (local || (dstHi >>> 48) == 0xff02) {
        long upper = Ipv6.upperLayer(s, ip, total);
        if (upper < 0) {
          Drops.drop(v, i, DropReason.BAD_IPV6_HEADERS, counters);
          continue;
        }
        if ((int) (upper >>> 32) == Ipv6.PROTO_ICMPV6) {
          learnNeighbor(s, ip, ip + (int) upper, total - (int) upper, in, srcHi, srcLo, now);
        }
        v.next[i] = Arc.PUNT;
        continue;
      }
      if (Ipv6.isMulticast(dstHi)) {
        Drops.drop(v, i, DropReason.MULTICAST_NOT_ROUTED, counters);
        continue;
      }
      if (Ipv6.isLinkLocal(dstHi) || Ipv6.isLinkLocal(srcHi)) {
        Drops.drop(v, i, DropReason.LINK_LOCAL_NOT_FORWARDED, counters);
        continue;
      }
      if (Ipv6.hopLimit(s, ip) <= 1) {
        icmp.ipv6(s, v.frame(i), ip, in, Icmp.V6_TIME_EXCEEDED, 0, 0, now);
        Drops.drop(v, i, DropReason.TTL_EXPIRED, counters);
        continue;
      }
      v.nextHop[i] = fib.lookup(dstHi, dstLo);
      v.next[i] = Arc.FORWARD6;
    }
    counters.stage(Stage.IPV6_INPUT, seen);
  }

  /**
   * Neighbor solicitations tell us the sender's MAC (source link-layer option); neighbor
   * advertisements tell us the target's (target link-layer option, solicited flag = confirmed).
   * Only hop limit 255 counts (RFC 4861 §7.1.1: the message came from the link).
   */
  private void learnNeighbor(MemorySegment s, long ip, long icmp, int length, L3Interface in,
      long srcHi, long srcLo, long now) {
    if (length < 24 || Ipv6.hopLimit(s, ip) != 255) {
      return;
    }
    int type = Bytes.u8(s, icmp);
    if (type != Icmp.V6_NEIGHBOR_SOLICITATION && type != Icmp.V6_NEIGHBOR_ADVERTISEMENT) {
      return;
    }
    long mac = -1;
    int wanted = type == Icmp.V6_NEIGHBOR_SOLICITATION ? Icmp.ND_OPT_SOURCE_LL
        : Icmp.ND_OPT_TARGET_LL;
    for (int at = 24; at + 8 <= length; ) {
      int option = Bytes.u8(s, icmp + at);
      int optionLength = Bytes.u8(s, icmp + at + 1) * 8;
      if (optionLength == 0) {
        return; // RFC 4861 §4.6: a zero-length option makes the message invalid
      }
      if (option == wanted && optionLength >= 8) {
        mac = Bytes.mac(s, icmp + at + 2);
      }
      at += optionLength;
    }
    if (mac < 0) {
      return;
    }
    if (type == Icmp.V6_NEIGHBOR_SOLICITATION) {
      if (srcHi != 0 || srcLo != 0) { // not from DAD's unspecified source
        neighbors.learn6(in.id(), srcHi, srcLo, mac, false, true, now);
      }
    } else {
      boolean solicited = (Bytes.u32(s, icmp + 4) & 0x4000_0000) != 0;
      neighbors.learn6(in.id(), Bytes.u64(s, icmp + 8), Bytes.u64(s, icmp + 16), mac, solicited,
          false, now);
    }
  }
}
