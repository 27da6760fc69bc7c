package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.packet.Bytes;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import java.lang.foreign.MemorySegment;

/**
 * The last two stages of a burst: frames for the appliance go to the kernel mirror
 * ({@link #punt}); forwarded frames get their new Ethernet header and are copied into the
 * egress port's transmit ring ({@link #output}). The copy is the one copy a forwarded packet
 * costs: receive and transmit rings are different memory.
 */
final class Output {
  private final WorkerCounters counters;
  private final Transmitter tx;

  Output(WorkerCounters counters, Transmitter tx) {
    this.counters = counters;
    this.tx = tx;
  }

  void output(Vector v, ForwardingTables t) {
    MemorySegment s = v.buf;
    int n = v.size();
    int seen = 0;
    for (int i = 0; i < n; i++) {
      if (v.next[i] != Arc.OUTPUT) {
        continue;
      }
      seen++;
      long ip = v.l3[i];
      int type = (Bytes.u8(s, ip) >>> 4) == 4 ? Ethernet.TYPE_IPV4 : Ethernet.TYPE_IPV6;
      L3Interface out = t.interfaceAt(v.ifOut[i]);
      if (!tx.send(out, v.dstMac[i], type, s, ip, v.l3Length[i])) {
        Drops.drop(v, i, DropReason.TX_RING_FULL, counters);
      }
    }
    counters.stage(Stage.OUTPUT, seen);
  }

  void punt(Vector v, LocalDelivery local) {
    MemorySegment s = v.buf;
    int n = v.size();
    int seen = 0;
    for (int i = 0; i < n; i++) {
      if (v.next[i] != Arc.PUNT) {
        continue;
      }
      seen++;
      long frame = v.frame(i);
      int length = v.frameLength(i);
      if (v.l3[i] - frame == Ethernet.HEADER_LENGTH + Ethernet.TAG_LENGTH) {
        // The mirror of a VLAN interface is untagged: slide the MACs over the tag.
        MemorySegment.copy(s, frame, s, frame + Ethernet.TAG_LENGTH, 12);
        frame += Ethernet.TAG_LENGTH;
        length -= Ethernet.TAG_LENGTH;
      }
      if (local.deliver(v.ifIn[i], s, frame, length)) {
        counters.punted[v.ifIn[i]]++;
      } else {
        Drops.drop(v, i, DropReason.PUNT_FAILED, counters);
      }
    }
    counters.stage(Stage.PUNT, seen);
  }
}
