package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.fib.Ipv4Fib;
import io.outpost.dataplane.packet.Bytes;
import io.outpost.dataplane.packet.Icmp;
import io.outpost.dataplane.packet.InternetChecksum;
import io.outpost.dataplane.packet.Ipv4;
import io.outpost.dataplane.table.ForwardingTables;
import java.lang.foreign.MemorySegment;

/**
 * IPv4 input: checks the header (version, IHL, lengths, checksum, source), sends packets for
 * our own addresses, limited broadcast and 224.0.0.0/24 to the kernel mirror, answers expiring
 * TTLs with time exceeded, and looks the rest up in the FIB. Options are not parsed, only
 * carried; fragments are forwarded like any other packet.
 */
final class Ipv4Input {
  private final WorkerCounters counters;
  private final IcmpErrors icmp;

  Ipv4Input(WorkerCounters counters, IcmpErrors icmp) {
    this.counters = counters;
    this.icmp = icmp;
  }

  void run(Vector v, ForwardingTables t, Ipv4Fib fib, long now) {
    MemorySegment s = v.buf;
    int n = v.size();
    int seen = 0;
    for (int i = 0; i < n; i++) {
      if (v.next[i] != Arc.IPV4) {
        continue;
      }
      seen++;
      long ip = v.l3[i];
      int available = v.available(i);
      if (available < Ipv4.MIN_HEADER) {
        Drops.drop(v, i, DropReason.TRUNCATED_IPV4, counters);
        continue;
      }
      int first = Bytes.u8(s, ip);
      if ((first >>> 4) != 4) {
        Drops.drop(v, i, DropReason.BAD_IPV4_VERSION, counters);
        continue;
      }
      int headerLength = (first & 0x0f) << 2;
      if (headerLength < Ipv4.MIN_HEADER) {
        Drops.drop(v, i, DropReason.BAD_IPV4_IHL, counters);
        continue;
      }
      if (headerLength > available) {
        Drops.drop(v, i, DropReason.TRUNCATED_IPV4, counters);
        continue;
      }
      int total = Ipv4.totalLength(s, ip);
      if (total < headerLength || total > available) {
        Drops.drop(v, i, DropReason.BAD_IPV4_LENGTH, counters);
        continue;
      }
      if (!InternetChecksum.verifies(s, ip, headerLength)) {
        Drops.drop(v, i, DropReason.BAD_IPV4_CHECKSUM, counters);
        continue;
      }
      int source = Ipv4.source(s, ip);
      if ((source >>> 28) == 0xe || source == -1 || (source >>> 24) == 127) {
        Drops.drop(v, i, DropReason.BAD_IPV4_SOURCE, counters);
        continue;
      }
      v.l3Length[i] = total;
      int destination = Ipv4.destination(s, ip);
      if (t.local().owner4(destination) >= 0 || destination == -1
          || (destination >>> 8) == 0xe0_00_00) {
        v.next[i] = Arc.PUNT;
        continue;
      }
      if ((destination >>> 28) == 0xe) {
        Drops.drop(v, i, DropReason.MULTICAST_NOT_ROUTED, counters);
        continue;
      }
      if (Ipv4.ttl(s, ip) <= 1) {
        icmp.ipv4(s, v.frame(i), ip, t.interfaceAt(v.ifIn[i]), Icmp.V4_TIME_EXCEEDED, 0, 0, now);
        Drops.drop(v, i, DropReason.TTL_EXPIRED, counters);
        continue;
      }
      v.nextHop[i] = fib.lookup(destination);
      v.next[i] = Arc.FORWARD4;
    }
    counters.stage(Stage.IPV4_INPUT, seen);
  }
}
