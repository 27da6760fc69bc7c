package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.neighbor.Neighbor;
import io.outpost.dataplane.neighbor.NeighborState;
import io.outpost.dataplane.packet.Icmp;
import io.outpost.dataplane.packet.Ipv4;
import io.outpost.dataplane.packet.Ipv6;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Packets waiting for a neighbor to resolve: a small, fixed pool of frame slots per worker
 * (copies, since the receive ring wants its memory back), bounded per neighbor. When the
 * neighbor answers they are sent; when it fails they are answered with host or address
 * unreachable; when they wait longer than resolution can take they are dropped.
 */
final class PendingPackets {
  static final int SLOTS = 64;
  static final int SLOT_SIZE = 9216 + 64;

  private final MemorySegment buffer = Arena.ofAuto().allocate((long) SLOTS * SLOT_SIZE, 64);
  private final Neighbor[] neighbor = new Neighbor[SLOTS];
  private final int[] length = new int[SLOTS];
  private final int[] l3Offset = new int[SLOTS];
  private final int[] l3Length = new int[SLOTS];
  private final int[] ifIn = new int[SLOTS];
  private final int[] ifOut = new int[SLOTS];
  private final long[] queuedAt = new long[SLOTS];
  private final int maxPerNeighbor;
  private final long maxWaitNanos;
  private final WorkerCounters counters;
  private int count;

  PendingPackets(int maxPerNeighbor, long maxWaitNanos, WorkerCounters counters) {
    this.maxPerNeighbor = maxPerNeighbor;
    this.maxWaitNanos = maxWaitNanos;
    this.counters = counters;
  }

  int count() {
    return count;
  }

  /** Copies frame {@code i} of the burst in; false when full or the neighbor has its share. */
  boolean add(Vector v, int i, Neighbor n, int outId, long now) {
    if (count == SLOTS || v.frameLength(i) > SLOT_SIZE) {
      return false;
    }
    int free = -1;
    int same = 0;
    for (int k = 0; k < SLOTS; k++) {
      if (neighbor[k] == null) {
        free = free < 0 ? k : free;
      } else if (neighbor[k] == n) {
        same++;
      }
    }
    if (same >= maxPerNeighbor || free < 0) {
      return false;
    }
    long at = (long) free * SLOT_SIZE;
    MemorySegment.copy(v.buf, v.frame(i), buffer, at, v.frameLength(i));
    neighbor[free] = n;
    length[free] = v.frameLength(i);
    l3Offset[free] = (int) (v.l3[i] - v.frame(i));
    l3Length[free] = v.l3Length[i];
    ifIn[free] = v.ifIn[i];
    ifOut[free] = outId;
    queuedAt[free] = now;
    count++;
    return true;
  }

  /** Sends what has resolved, answers what has failed, drops what waited too long. */
  void service(ForwardingTables t, Transmitter tx, IcmpErrors icmp, long now) {
    L3Interface[] interfaces = t.interfaces();
    for (int k = 0; k < SLOTS && count > 0; k++) {
      Neighbor n = neighbor[k];
      if (n == null) {
        continue;
      }
      long frame = (long) k * SLOT_SIZE;
      long ip = frame + l3Offset[k];
      boolean v4 = Ipv4.version(buffer, ip) == 4;
      long mac = n.usableMac();
      if (ifOut[k] >= interfaces.length || ifIn[k] >= interfaces.length) {
        release(k, DropReason.INTERFACE_DOWN);
      } else if (mac >= 0) {
        if (v4) {
          Ipv4.decrementTtl(buffer, ip);
        } else {
          Ipv6.hopLimit(buffer, ip, Ipv6.hopLimit(buffer, ip) - 1);
        }
        boolean sent = tx.send(interfaces[ifOut[k]], mac,
            v4 ? Ethernet.TYPE_IPV4 : Ethernet.TYPE_IPV6, buffer, ip, l3Length[k]);
        release(k, sent ? null : DropReason.TX_RING_FULL);
      } else if (n.state() == NeighborState.FAILED || now - queuedAt[k] > maxWaitNanos) {
        L3Interface in = interfaces[ifIn[k]];
        if (v4) {
          icmp.ipv4(buffer, frame, ip, in, Icmp.V4_DEST_UNREACHABLE, Icmp.V4_HOST_UNREACHABLE, 0,
              now);
        } else {
          icmp.ipv6(buffer, frame, ip, in, Icmp.V6_DEST_UNREACHABLE,
              Icmp.V6_ADDRESS_UNREACHABLE, 0, now);
        }
        release(k, n.state() == NeighborState.FAILED ? DropReason.NEIGHBOR_FAILED
            : DropReason.NEIGHBOR_TIMEOUT);
      }
    }
  }

  private void release(int k, DropReason reason) {
    if (reason != null) {
      counters.drops[reason.ordinal()]++;
    }
    neighbor[k] = null;
    count--;
  }
}
