package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.packet.Bytes;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.table.L3Interface;
import java.lang.foreign.MemorySegment;

/**
 * A worker's transmit side: builds frames directly in the transmit rings of its queues,
 * remembers which queues have frames waiting, and flushes each of those once per loop, so a
 * burst costs one system call per egress port however many frames it sends.
 */
final class Transmitter {
  private final PortQueue[] queues;
  private final boolean[] dirty;
  private final WorkerCounters counters;

  Transmitter(PortQueue[] queues, WorkerCounters counters) {
    this.queues = queues;
    this.dirty = new boolean[queues.length];
    this.counters = counters;
  }

  /**
   * Sends an IP packet out of {@code out} to {@code dstMac}: writes the Ethernet header (with
   * the interface's tag) and copies {@code length} bytes from {@code from} in {@code src}; an
   * IPv4 packet larger than the interface's MTU (DF clear, or forwarding would have stopped
   * it) leaves in fragments.
   *
   * @return false when the port has no queue or its ring is full (the caller counts the drop)
   */
  boolean send(
      L3Interface out, long dstMac, int type, MemorySegment src, long from, int length) {
    int port = out.port();
    PortQueue q = port < queues.length ? queues[port] : null;
    if (q == null) {
      return false;
    }
    if (length > out.mtu() && type == Ethernet.TYPE_IPV4) {
      // Forwarding let it through: DF is clear, so it leaves in fragments.
      counters.ipv4Fragmented++;
      return Fragmenter.fragment(q, out, dstMac, src, from, length, this) > 0;
    }
    int header = out.vlan() == 0 ? Ethernet.HEADER_LENGTH
        : Ethernet.HEADER_LENGTH + Ethernet.TAG_LENGTH;
    long at = q.claimTx(header + length);
    if (at < 0) {
      return false;
    }
    MemorySegment tx = q.txBuffer();
    Ethernet.writeHeader(tx, at, dstMac, out.mac(), out.vlan(), type);
    MemorySegment.copy(src, from, tx, at + header, length);
    commit(q, port, out.id(), header + length);
    return true;
  }

  /** The queue of {@code port}, or null; for stages that build a frame in place. */
  PortQueue queue(int port) {
    return port < queues.length ? queues[port] : null;
  }

  /** Finishes a frame built in place with {@link PortQueue#claimTx}. */
  void commit(PortQueue q, int port, int interfaceId, int length) {
    q.commitTx(length);
    dirty[port] = true;
    counters.txPackets[interfaceId]++;
    counters.txBytes[interfaceId] += length;
  }

  /** Copies a whole frame, as the kernel wrote it to a TAP, out of {@code out}'s port. */
  boolean sendFrame(L3Interface out, MemorySegment src, long frame, int length) {
    int port = out.port();
    PortQueue q = port < queues.length ? queues[port] : null;
    if (q == null) {
      return false;
    }
    int extra = out.vlan() == 0 ? 0 : Ethernet.TAG_LENGTH;
    long at = q.claimTx(length + extra);
    if (at < 0) {
      return false;
    }
    MemorySegment tx = q.txBuffer();
    if (extra == 0) {
      MemorySegment.copy(src, frame, tx, at, length);
    } else {
      // MACs, then the tag, then the rest from the kernel's ethertype on.
      MemorySegment.copy(src, frame, tx, at, 12);
      Bytes.u16(tx, at + 12, Ethernet.TYPE_VLAN);
      Bytes.u16(tx, at + 14, out.vlan());
      MemorySegment.copy(src, frame + 12, tx, at + 16, length - 12);
    }
    commit(q, port, out.id(), length + extra);
    return true;
  }

  /** Flushes every queue that has frames waiting: one system call each. */
  void flushAll() {
    for (int p = 0; p < dirty.length; p++) {
      if (dirty[p]) {
        dirty[p] = false;
        queues[p].flush();
      }
    }
  }
}
