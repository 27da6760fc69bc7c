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
      NextHop nh = t.nextHop(v.nextHop[i]);
      if (nh != null && nh.kind() == NextHop.Kind.ECMP) {
        int[] members = nh.members();
        nh = t.nextHop(members[FlowHash.ipv4(s, ip, v.l3Length[i]) % members.length]);
      }
      if (nh == null) {
        icmp.ipv4(s, v.frame(i), ip, in, Icmp.V4_DEST_UNREACHABLE, Icmp.V4_NET_UNREACHABLE, 0,
            now);
        Drops.drop(v, i, DropReason.NO_ROUTE, counters);
        continue;
      }
      switch (nh.kind()) {
        case BLACKHOLE -> {
          Drops.drop(v, i, DropReason.BLACKHOLE, counters);
          continue;
        }
        case REJECT -> {
          icmp.ipv4(s, v.frame(i), ip, in, Icmp.V4_DEST_UNREACHABLE, Icmp.V4_ADMIN_PROHIBITED, 0,
              now);
          Drops.drop(v, i, DropReason.REJECT, counters);
          continue;
        }
        default -> { }
      }
      L3Interface out = t.interfaceAt(nh.interfaceId());
      if (v.l3Length[i] > out.mtu()) {
        if ((Ipv4.flagsFragment(s, ip) & Ipv4.FLAG_DF) != 0) {
          icmp.ipv4(s, v.frame(i), ip, in, Icmp.V4_DEST_UNREACHABLE,
              Icmp.V4_FRAGMENTATION_NEEDED, out.mtu() & 0xffff, now);
        }
        Drops.drop(v, i, DropReason.TOO_BIG, counters);
        continue;
      }
      int gateway = nh.gateway4() != 0 ? nh.gateway4() : Ipv4.destination(s, ip);
      Neighbor neighbor = neighbors.find4(out.id(), gateway);
      long mac = neighbor == null ? -1 : neighbor.usableMac();
      if (mac < 0) {
        neighbor = neighbors.resolve4(out.id(), gateway, now);
        if (neighbor.state() == NeighborState.FAILED) {
          icmp.ipv4(s, v.frame(i), ip, in, Icmp.V4_DEST_UNREACHABLE, Icmp.V4_HOST_UNREACHABLE,
              0, now);
          Drops.drop(v, i, DropReason.NEIGHBOR_FAILED, counters);
        } else {
          wait(v, i, neighbor, out, now);
        }
        continue;
      }
      neighbor.touch(now);
      Ipv4.decrementTtl(s, ip);
      v.ifOut[i] = out.id();
      v.dstMac[i] = mac;
      v.next[i] = Arc.OUTPUT;
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
      NextHop nh = t.nextHop(v.nextHop[i]);
      if (nh != null && nh.kind() == NextHop.Kind.ECMP) {
        int[] members = nh.members();
        nh = t.nextHop(members[FlowHash.ipv6(s, ip, v.l3Length[i]) % members.length]);
      }
      if (nh == null) {
        icmp.ipv6(s, v.frame(i), ip, in, Icmp.V6_DEST_UNREACHABLE, Icmp.V6_NO_ROUTE, 0, now);
        Drops.drop(v, i, DropReason.NO_ROUTE, counters);
        continue;
      }
      switch (nh.kind()) {
        case BLACKHOLE -> {
          Drops.drop(v, i, DropReason.BLACKHOLE, counters);
          continue;
        }
        case REJECT -> {
          icmp.ipv6(s, v.frame(i), ip, in, Icmp.V6_DEST_UNREACHABLE, Icmp.V6_REJECT_ROUTE, 0,
              now);
          Drops.drop(v, i, DropReason.REJECT, counters);
          continue;
        }
        default -> { }
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
        neighbor = neighbors.resolve6(out.id(), hi, lo, now);
        if (neighbor.state() == NeighborState.FAILED) {
          icmp.ipv6(s, v.frame(i), ip, in, Icmp.V6_DEST_UNREACHABLE, Icmp.V6_ADDRESS_UNREACHABLE,
              0, now);
          Drops.drop(v, i, DropReason.NEIGHBOR_FAILED, counters);
        } else {
          wait(v, i, neighbor, out, now);
        }
        continue;
      }
      neighbor.touch(now);
      Ipv6.hopLimit(s, ip, Ipv6.hopLimit(s, ip) - 1);
      v.ifOut[i] = out.id();
      v.dstMac[i] = mac;
      v.next[i] = Arc.OUTPUT;
    }
    counters.stage(Stage.IPV6_FORWARD, seen);
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
