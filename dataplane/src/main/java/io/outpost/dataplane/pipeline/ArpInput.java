package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.neighbor.NeighborTable;
import io.outpost.dataplane.packet.Arp;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import java.lang.foreign.MemorySegment;

/**
 * ARP: learns the sender of every well-formed ARP message on the interface's subnets into the
 * neighbor table (a reply confirms; a request addressed to us creates a stale entry, as RFC
 * 826's merge rule says), then hands messages about our own addresses to the kernel mirror,
 * which answers requests itself. ARP for addresses we do not own is dropped: Outpost does no
 * proxy ARP.
 */
final class ArpInput {
  private final WorkerCounters counters;
  private final NeighborTable neighbors;

  ArpInput(WorkerCounters counters, NeighborTable neighbors) {
    this.counters = counters;
    this.neighbors = neighbors;
  }

  void run(Vector v, ForwardingTables t, long now) {
    MemorySegment s = v.buf;
    int n = v.size();
    int seen = 0;
    for (int i = 0; i < n; i++) {
      if (v.next[i] != Arc.ARP) {
        continue;
      }
      seen++;
      long arp = v.l3[i];
      if (v.available(i) < Arp.LENGTH || !Arp.isEthernetIpv4(s, arp)) {
        Drops.drop(v, i, DropReason.BAD_ARP, counters);
        continue;
      }
      int op = Arp.operation(s, arp);
      int sender = Arp.senderIp(s, arp);
      int target = Arp.targetIp(s, arp);
      L3Interface in = t.interfaceAt(v.ifIn[i]);
      boolean forUs = t.local().owner4(target) == in.id();
      if ((op != Arp.REQUEST && op != Arp.REPLY)) {
        Drops.drop(v, i, DropReason.BAD_ARP, counters);
        continue;
      }
      if (sender != 0 && in.onLinkIpv4(sender)) {
        neighbors.learn4(in.id(), sender, Arp.senderMac(s, arp), op == Arp.REPLY && forUs,
            forUs, now);
      }
      if (forUs || (op == Arp.REQUEST && sender == target && in.onLinkIpv4(sender))) {
        v.next[i] = Arc.PUNT;
      } else {
        Drops.drop(v, i, DropReason.ARP_NOT_FOR_US, counters);
      }
    }
    counters.stage(Stage.ARP_INPUT, seen);
  }
}
