package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.packet.Bytes;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import java.lang.foreign.MemorySegment;

/**
 * First stage: maps each frame to its layer-3 interface by (port, VLAN), drops unicast for
 * other MACs, and sends it on by ethertype. Group-addressed frames of protocols the data plane
 * does not handle (LLDP, STP, LACP) go to the kernel mirror, where such daemons listen.
 */
final class EthernetInput {
  private final WorkerCounters counters;

  EthernetInput(WorkerCounters counters) {
    this.counters = counters;
  }

  void run(Vector v, ForwardingTables t) {
    MemorySegment s = v.buf;
    int n = v.size();
    for (int i = 0; i < n; i++) {
      long frame = v.frame(i);
      int length = v.frameLength(i);
      v.ifIn[i] = -1;
      if (length < Ethernet.HEADER_LENGTH) {
        drop(v, i, DropReason.TRUNCATED_ETHERNET);
        continue;
      }
      int type = Ethernet.type(s, frame);
      long l3 = frame + Ethernet.HEADER_LENGTH;
      int vlan = 0;
      if (type == Ethernet.TYPE_VLAN) {
        if (length < Ethernet.HEADER_LENGTH + Ethernet.TAG_LENGTH) {
          drop(v, i, DropReason.TRUNCATED_ETHERNET);
          continue;
        }
        vlan = Ethernet.vlanId(s, frame);
        type = Ethernet.innerType(s, frame);
        l3 += Ethernet.TAG_LENGTH;
      }
      int id = t.interfaceFor(v.port, vlan);
      if (id < 0) {
        drop(v, i, DropReason.UNKNOWN_INTERFACE);
        continue;
      }
      v.ifIn[i] = id;
      counters.rxPackets[id]++;
      counters.rxBytes[id] += length;
      L3Interface in = t.interfaceAt(id);
      if (!in.enabled()) {
        drop(v, i, DropReason.ADMIN_DOWN);
        continue;
      }
      long destination = Bytes.mac(s, frame);
      boolean group = Ethernet.isGroup(destination);
      if (!group && destination != in.mac()) {
        drop(v, i, DropReason.NOT_FOR_US);
        continue;
      }
      v.l3[i] = l3;
      v.next[i] = switch (type) {
        case Ethernet.TYPE_IPV4 -> Arc.IPV4;
        case Ethernet.TYPE_IPV6 -> Arc.IPV6;
        case Ethernet.TYPE_ARP -> Arc.ARP;
        default -> group ? Arc.PUNT : Arc.DROP;
      };
      if (v.next[i] == Arc.DROP) {
        drop(v, i, DropReason.UNSUPPORTED_ETHERTYPE);
      }
    }
    counters.stage(Stage.ETHERNET_INPUT, n);
  }

  private void drop(Vector v, int i, DropReason reason) {
    Drops.drop(v, i, reason, counters);
  }
}
