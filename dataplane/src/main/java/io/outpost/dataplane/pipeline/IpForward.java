package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.neighbor.Neighbor;
import io.outpost.dataplane.neighbor.NeighborState;
import io.outpost.dataplane.neighbor.NeighborTable;
import io.outpost.dataplane.packet.Icmp;
import io.outpost.dataplane.packet.Ipv4;
import io.outpost.dataplane.packet.Ipv6;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import io.outpost.dataplane.table.NextHop;
import java.lang.foreign.MemorySegment;

/**
 * The forwarding decision after the FIB: the next hop's kind (ECMP member by flow hash,
 * blackhole, reject), the egress MTU (fragmentation needed / packet too big), the neighbor's
 * MAC (or a place in the resolution queue and a request), then TTL or hop-limit decrement.
 * Frames that pass leave with {@link Arc#OUTPUT}, their egress interface and MAC set.
 */
final class IpForward {
  private final WorkerCounters counters;
  private final IcmpErrors icmp;
  private final NeighborTable neighbors;
  private final NeighborRequests requests;
  private final PendingPackets pending;

  IpForward(WorkerCounters counters, IcmpErrors icmp, NeighborTable neighbors,
      NeighborRequests requests, PendingPackets pending) {
    this.counters = counters;
    this.icmp = icmp;
    this.neighbors = neighbors;
    this.requests = requests;
    this.pending = pending;
  }

  void run4(Vector v, ForwardingTables t, long now) {
    MemorySegment s = v.buf;
    int n = v.size();
    int seen = 0;
    for (int i = 0; i < n; i++) {
      if (v.next[i] != Arc.FORWARD4) {
        continue;
      }
      seen++;
      long ip = v.l3[i];
      L3Interface in = t.interfaceAt(v.ifIn[i]);
      NextHop nh = forwardingNextHop(v, i, t, in, false, now);
      if (nh == null) {
        continue;
      }
      L3Interface out = t.interfaceAt(nh.interfaceId());
      if (v.l3Length[i] > out.mtu() && (Ipv4.flagsFragment(s, ip) & Ipv4.FLAG_DF) != 0) {
        icmp.ipv4(s, v.frame(i), ip, in, Icmp.V4_DEST_UNREACHABLE,
            Icmp.V4_FRAGMENTATION_NEEDED, out.mtu() & 0xffff, now);
        Drops.drop(v, i, DropReason.TOO_BIG, counters);
        continue;
      } // without DF, the transmitter fragments it
      boolean via6 = nh.viaIpv6(); // an IPv4 route with an IPv6 next hop (RFC 8950)
      int gateway = via6 ? 0 : nh.gateway4() != 0 ? nh.gateway4() : Ipv4.destination(s, ip);
      Neighbor neighbor = via6 ? neighbors.find6(out.id(), nh.gateway6Hi(), nh.gateway6Lo())
          : neighbors.find4(out.id(), gateway);
      long mac = neighbor == null ? -1 : neighbor.usableMac();
      if (mac < 0) {
        unresolved(v, i, via6 ? neighbors.resolve6(out.id(), nh.gateway6Hi(), nh.gateway6Lo(), now)
            : neighbors.resolve4(out.id(), gateway, now), in, out, false, now);
        continue;
      }
      Ipv4.decrementTtl(s, ip);
      toOutput(v, i, neighbor, out, mac, now);
    }
    counters.stage(Stage.IPV4_FORWARD, seen);
  }

  void run6(Vector v, ForwardingTables t, long now) {
    MemorySegment s = v.buf;
    int n = v.size();
    int seen = 0;
    for (int i = 0; i < n; i++) {
      if (v.next[i] != Arc.FORWARD6) {
        continue;
      }
      seen++;
      long ip = v.l3[i];
      L3Interface in = t.interfaceAt(v.ifIn[i]);
      NextHop nh = forwardingNextHop(v, i, t, in, true, now);
      if (nh == null) {
        continue;
      }
      L3Interface out = t.interfaceAt(nh.interfaceId());
      if (v.l3Length[i] > out.mtu()) {
        icmp.ipv6(s, v.frame(i), ip, in, Icmp.V6_PACKET_TOO_BIG, 0, out.mtu(), now);
        Drops.drop(v, i, DropReason.TOO_BIG, counters);
        continue;
      }
      boolean connected = nh.gateway6Hi() == 0 && nh.gateway6Lo() == 0;
      long hi = connected ? Ipv6.destinationHi(s, ip) : nh.gateway6Hi();
      long lo = connected ? Ipv6.destinationLo(s, ip) : nh.gateway6Lo();
      Neighbor neighbor = neighbors.find6(out.id(), hi, lo);
      long mac = neighbor == null ? -1 : neighbor.usableMac();
      if (mac < 0) {
        unresolved(v, i, neighbors.resolve6(out.id(), hi, lo, now), in, out, true, now);
        continue;
      }
      Ipv6.hopLimit(s, ip, Ipv6.hopLimit(s, ip) - 1);
      toOutput(v, i, neighbor, out, mac, now);
    }
    counters.stage(Stage.IPV6_FORWARD, seen);
  }

  /**
   * The next hop that forwards frame {@code i}: the route's, or for ECMP the member its flow
   * hashes to. Null when the frame ends here — no route (net unreachable / no route), a
   * blackhole (silently) or a reject route (administratively prohibited / reject route) — and
   * has been counted and answered.
   */
  private NextHop forwardingNextHop(Vector v, int i, ForwardingTables t, L3Interface in,
      boolean v6, long now) {
    NextHop nh = t.nextHop(v.nextHop[i]);
    if (nh != null && nh.kind() == NextHop.Kind.ECMP) {
      int[] members = nh.members();
      int hash = v6 ? FlowHash.ipv6(v.buf, v.l3[i], v.l3Length[i])
          : FlowHash.ipv4(v.buf, v.l3[i], v.l3Length[i]);
      nh = t.nextHop(members[hash % members.length]);
    }
    if (nh == null) {
      unreachable(v, i, in, v6, v6 ? Icmp.V6_NO_ROUTE : Icmp.V4_NET_UNREACHABLE, now);
      Drops.drop(v, i, DropReason.NO_ROUTE, counters);
      return null;
    }
    switch (nh.kind()) {
      case BLACKHOLE -> {
        Drops.drop(v, i, DropReason.BLACKHOLE, counters);
        return null;
      }
      case REJECT -> {
        unreachable(v, i, in, v6, v6 ? Icmp.V6_REJECT_ROUTE : Icmp.V4_ADMIN_PROHIBITED, now);
        Drops.drop(v, i, DropReason.REJECT, counters);
        return null;
      }
      default -> {
        return nh;
      }
    }
  }

  /** Answers frame {@code i} with the family's destination unreachable and {@code code}. */
  private void unreachable(Vector v, int i, L3Interface in, boolean v6, int code, long now) {
    if (v6) {
      icmp.ipv6(v.buf, v.frame(i), v.l3[i], in, Icmp.V6_DEST_UNREACHABLE, code, 0, now);
    } else {
      icmp.ipv4(v.buf, v.frame(i), v.l3[i], in, Icmp.V4_DEST_UNREACHABLE, code, 0, now);
    }
  }

  /**
   * Frame {@code i}'s neighbor has no usable MAC: answered with host / address unreachable when
   * resolution has failed, else queued while it resolves.
   */
  private void unresolved(Vector v, int i, Neighbor neighbor, L3Interface in, L3Interface out,
      boolean v6, long now) {
    if (neighbor.state() == NeighborState.FAILED) {
      unreachable(v, i, in, v6, v6 ? Icmp.V6_ADDRESS_UNREACHABLE : Icmp.V4_HOST_UNREACHABLE, now);
      Drops.drop(v, i, DropReason.NEIGHBOR_FAILED, counters);
    } else {
      wait(v, i, neighbor, out, now);
    }
  }

  /** Sends frame {@code i} on to output, out of {@code out} to {@code mac}. */
  private static void toOutput(Vector v, int i, Neighbor neighbor, L3Interface out, long mac,
      long now) {
    neighbor.touch(now);
    v.ifOut[i] = out.id();
    v.dstMac[i] = mac;
    v.next[i] = Arc.OUTPUT;
  }

  /** Queues the frame for resolution and sends the first request if nobody has yet. */
  private void wait(Vector v, int i, Neighbor neighbor, L3Interface out, long now) {
    if (neighbors.claimProbe(neighbor, now)) {
      requests.probe(neighbor, false);
    }
    if (pending.add(v, i, neighbor, out.id(), now)) {
      v.next[i] = Arc.DONE;
      counters.neighborQueued++;
    } else {
      Drops.drop(v, i, DropReason.NEIGHBOR_QUEUE_FULL, counters);
    }
  }
}
