package io.outpost.dataplane.port.afpacket;

import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_LEN;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_MAC;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_SNAPLEN;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_STATUS;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_STATUS_AVAILABLE;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_STATUS_COPY;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_STATUS_KERNEL;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_STATUS_SEND_REQUEST;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_STATUS_USER;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_STATUS_VLAN_TPID_VALID;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_STATUS_VLAN_VALID;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_STATUS_WRONG_FORMAT;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_VLAN_TCI;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TP_VLAN_TPID;
import static io.outpost.dataplane.port.afpacket.AfPacketNative.TX_DATA_OFFSET;

import io.outpost.dataplane.kernel.Link;
import io.outpost.dataplane.kernel.SocketOptions;
import io.outpost.dataplane.port.FrameBurst;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.port.QueueStats;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One worker's queue on an AF_PACKET port: a TPACKET_V2 receive ring and transmit ring shared
 * with the kernel through one mapping, read and written in place.
 *
 * <p>It owns the socket, the mapping and the cursors into both rings; {@link #close} unmaps and
 * closes them, after which the buffers throw {@link IllegalStateException} instead of touching
 * freed memory (the mapping is tied to a shared {@link Arena}). Ownership of a slot passes
 * through its {@code tp_status} word: this class loads it with acquire semantics and stores it
 * with release semantics, the kernel side uses its own barriers, and nothing else synchronises.
 *
 * <p>Receive makes no system call: it walks the ring from its cursor while slots say
 * TP_STATUS_USER. A frame that did not fit its slot (tp_snaplen &lt; tp_len) is dropped and
 * counted as {@code rxTruncated}. When the kernel took an 802.1Q/802.1ad tag off the frame
 * (TP_STATUS_VLAN_VALID, which veth and most NICs do), the tag is put back in place: the 12
 * address bytes move 4 bytes towards the headroom PACKET_RESERVE keeps, so the pipeline always
 * sees tags in the frame.
 *
 * <p>Transmit claims slots in ring order, a claimed slot being one that is TP_STATUS_AVAILABLE;
 * commit marks it TP_STATUS_SEND_REQUEST and {@link #flush} makes one sendto(). The queue keeps a
 * mirror of the kernel's transmit cursor ({@code txHead}): frames between it and {@code txNext}
 * are committed but not yet taken by the kernel (ENOBUFS, a full send buffer, a link down), and
 * the next flush asks again even if nothing new was committed. A frame the kernel refuses (tp_len
 * over MTU + 14 for an untagged frame, under 14 bytes) is marked TP_STATUS_WRONG_FORMAT and the
 * kernel stops at it; {@link #flush} counts it ({@link #txWrongFormat()}), moves the frames after
 * it down one slot, keeping their order, and asks again.
 *
 * <p>Limits: frames the local stack of the peer sent with checksum offload arrive with their
 * checksum not yet filled in (TP_STATUS_CSUMNOTREADY); on veth test rigs, turn transmit
 * checksumming off on the peer. Only the owning worker may call the methods, except {@link
 * #stats()}, which may be read from the control plane.
 */
public final class AfPacketQueue implements PortQueue {
  private static final VarHandle STATUS = ValueLayout.JAVA_INT.varHandle();
  private static final ValueLayout.OfShort U16_BIG_ENDIAN =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final int ETHER_ADDRESSES = 12;
  private static final int VLAN_TAG = 4;
  private static final int ETHERTYPE_8021Q = 0x8100;
  private static final int NO_CLAIM = -1;
  private static final int SOL_PACKET = 263;
  private static final int PACKET_QDISC_BYPASS = 20;

  private final String port;
  private final Link link;
  private final int fd;
  private final long address;
  private final long mappedBytes;
  private final Arena arena;
  private final MemorySegment rx;
  private final MemorySegment tx;
  private final int frameSize;
  private final int rxSlots;
  private final int rxMask;
  private final int txSlots;
  private final int txMask;
  private final int maxFrameLength;
  private final QueueStats stats = new QueueStats();
  private final Object closeLock = new Object();

  /** Next RX slot to look at; slots from rxReleased up to it belong to the worker. */
  private int rxNext;
  private int rxReleased;
  /** Next TX slot to claim; slots from txHead up to it are committed, not yet taken. */
  private int txNext;
  private int txHead;
  private int txClaimed = NO_CLAIM;
  private int txClaimMax;
  private long txWrongFormat;
  private boolean closed;

  // reinterpret is restricted (a wrong size would let Java read past the mapping): the size is
  // the one the C side mapped, and the arena ties the segment's life to the mapping's.
  @SuppressWarnings("restricted")
  AfPacketQueue(
      String port, Link link, int fd, long address, long rxBytes, long txBytes, int frameSize,
      int maxFrameLength) {
    this.port = port;
    this.link = link;
    this.fd = fd;
    this.address = address;
    this.mappedBytes = rxBytes + txBytes;
    this.arena = Arena.ofShared();
    MemorySegment ring = MemorySegment.ofAddress(address).reinterpret(mappedBytes, arena, null);
    this.rx = ring.asSlice(0, rxBytes);
    this.tx = ring.asSlice(rxBytes, txBytes);
    this.frameSize = frameSize;
    this.rxSlots = (int) (rxBytes / frameSize);
    this.rxMask = rxSlots - 1;
    this.txSlots = (int) (txBytes / frameSize);
    this.txMask = txSlots - 1;
    this.maxFrameLength = maxFrameLength;
  }

  /** The port this queue was opened on, as named to {@link AfPacketDriver#open}. */
  public String port() {
    return port;
  }

  /**
   * The interface as rtnetlink described it when the queue opened: its index, MTU and MAC (the
   * source address a pipeline writes into frames it sends here). Not refreshed.
   */
  public Link link() {
    return link;
  }

  @Override
  public MemorySegment rxBuffer() {
    return rx;
  }

  @Override
  public int receive(FrameBurst burst) {
    burst.clear();
    MemorySegment ring = rx;
    int next = rxNext;
    while (burst.hasRoom() && next - rxReleased < rxSlots) {
      long slot = (long) (next & rxMask) * frameSize;
      int status = (int) STATUS.getAcquire(ring, slot + TP_STATUS);
      if ((status & TP_STATUS_USER) == 0) {
        break;
      }
      next++;
      int length = ring.get(ValueLayout.JAVA_INT, slot + TP_LEN);
      int captured = ring.get(ValueLayout.JAVA_INT, slot + TP_SNAPLEN);
      if (captured != length || (status & TP_STATUS_COPY) != 0) {
        stats.rxTruncated++; // released with the rest of the burst, never handed out
        continue;
      }
      long frame = slot + Short.toUnsignedInt(ring.get(ValueLayout.JAVA_SHORT, slot + TP_MAC));
      if ((status & TP_STATUS_VLAN_VALID) != 0) {
        frame = reinsertVlanTag(ring, slot, frame, status);
        length += VLAN_TAG;
      }
      burst.add(frame, length);
      stats.rxPackets++;
      stats.rxBytes += length;
    }
    rxNext = next;
    return burst.size();
  }

  /**
   * Puts back the tag the kernel moved into tp_vlan_tci: destination and source move 4 bytes
   * down into the reserved headroom, and the TPID and TCI go between them and the EtherType.
   */
  private static long reinsertVlanTag(MemorySegment ring, long slot, long frame, int status) {
    int tpid =
        (status & TP_STATUS_VLAN_TPID_VALID) != 0
            ? Short.toUnsignedInt(ring.get(ValueLayout.JAVA_SHORT, slot + TP_VLAN_TPID))
            : ETHERTYPE_8021Q;
    int tci = Short.toUnsignedInt(ring.get(ValueLayout.JAVA_SHORT, slot + TP_VLAN_TCI));
    long tagged = frame - VLAN_TAG;
    MemorySegment.copy(ring, frame, ring, tagged, ETHER_ADDRESSES);
    ring.set(U16_BIG_ENDIAN, tagged + ETHER_ADDRESSES, (short) tpid);
    ring.set(U16_BIG_ENDIAN, tagged + ETHER_ADDRESSES + 2, (short) tci);
    return tagged;
  }

  @Override
  public void releaseReceived() {
    MemorySegment ring = rx;
    for (int i = rxReleased; i != rxNext; i++) {
      STATUS.setRelease(ring, (long) (i & rxMask) * frameSize + TP_STATUS, TP_STATUS_KERNEL);
    }
    rxReleased = rxNext;
  }

  @Override
  public MemorySegment txBuffer() {
    return tx;
  }

  @Override
  public long claimTx(int maxLength) {
    if (maxLength > maxFrameLength) {
      return -1;
    }
    long slot = (long) (txNext & txMask) * frameSize;
    if ((int) STATUS.getAcquire(tx, slot + TP_STATUS) != TP_STATUS_AVAILABLE) {
      stats.txRingFull++; // still being sent, or not yet taken by the kernel
      return -1;
    }
    txClaimed = txNext;
    txClaimMax = maxLength;
    return slot + TX_DATA_OFFSET;
  }

  @Override
  public void commitTx(int length) {
    if (txClaimed != txNext) {
      throw new IllegalStateException("commitTx without claimTx");
    }
    if (length < 0 || length > txClaimMax) {
      throw new IllegalArgumentException(
          "frame of " + length + " bytes in a claim of " + txClaimMax);
    }
    long slot = (long) (txNext & txMask) * frameSize;
    tx.set(ValueLayout.JAVA_INT, slot + TP_LEN, length);
    STATUS.setRelease(tx, slot + TP_STATUS, TP_STATUS_SEND_REQUEST);
    txNext++;
    txClaimed = NO_CLAIM;
    stats.txPackets++;
    stats.txBytes += length;
  }

  /**
   * Makes one sendto() when frames are committed and not yet taken by the kernel, none
   * otherwise. Only when the kernel refused a frame does it make more, one per refused frame.
   */
  @Override
  public void flush() {
    if (txHead == txNext) {
      return;
    }
    AfPacketNative.send(fd);
    stats.txFlushes++;
    advanceHead();
    // The kernel stopped at a frame it refused: drop it, close the gap, ask again. Bounded: each
    // round removes one committed frame.
    while (txHead != txNext
        && (int) STATUS.getAcquire(tx, (long) (txHead & txMask) * frameSize + TP_STATUS)
            == TP_STATUS_WRONG_FORMAT) {
      dropRefusedFrame();
      if (txHead == txNext) {
        break;
      }
      AfPacketNative.send(fd);
      stats.txFlushes++;
      advanceHead();
    }
  }

  /** Moves txHead past every slot the kernel has taken (sending or already sent). */
  private void advanceHead() {
    while (txHead != txNext) {
      int status = (int) STATUS.getAcquire(tx, (long) (txHead & txMask) * frameSize + TP_STATUS);
      if (status == TP_STATUS_SEND_REQUEST || status == TP_STATUS_WRONG_FORMAT) {
        return;
      }
      txHead++;
    }
  }

  /**
   * Removes the refused frame at txHead: each later committed frame moves down one slot (the
   * kernel will only look at txHead next, so order is kept), and the last slot becomes free.
   * A claim not yet committed is abandoned, since its slot moves too.
   */
  private void dropRefusedFrame() {
    long refused = (long) (txHead & txMask) * frameSize;
    int length = tx.get(ValueLayout.JAVA_INT, refused + TP_LEN);
    txWrongFormat++;
    stats.txPackets--;
    stats.txBytes -= length;
    for (int i = txHead; i + 1 != txNext; i++) {
      long to = (long) (i & txMask) * frameSize;
      long from = (long) ((i + 1) & txMask) * frameSize;
      int moved = tx.get(ValueLayout.JAVA_INT, from + TP_LEN);
      MemorySegment.copy(tx, from + TX_DATA_OFFSET, tx, to + TX_DATA_OFFSET, moved);
      tx.set(ValueLayout.JAVA_INT, to + TP_LEN, moved);
      STATUS.setRelease(tx, to + TP_STATUS, TP_STATUS_SEND_REQUEST);
    }
    txNext--;
    STATUS.setRelease(tx, (long) (txNext & txMask) * frameSize + TP_STATUS, TP_STATUS_AVAILABLE);
    txClaimed = NO_CLAIM;
  }

  /**
   * The largest frame a slot holds and the kernel accepts: MTU + 18 (Ethernet header and one
   * VLAN tag) when the slot is big enough. An untagged frame may be at most MTU + 14; the kernel
   * refuses a longer one, which {@link #flush} counts in {@link #txWrongFormat()}.
   */
  @Override
  public int maxFrameLength() {
    return maxFrameLength;
  }

  @Override
  public int pollFd() {
    return fd;
  }

  /**
   * The counters. {@code rxKernelDrops} is brought up to date here from PACKET_STATISTICS
   * (frames the kernel dropped because the receive ring was full), one getsockopt() per call;
   * the other counters are the worker's, a burst or so stale when read from another thread.
   */
  @Override
  public QueueStats stats() {
    synchronized (closeLock) {
      if (!closed) {
        long drops = AfPacketNative.kernelDrops(fd);
        if (drops > 0) {
          stats.rxKernelDrops += drops;
        }
      }
    }
    return stats;
  }

  /** The counters as they stand, without asking the kernel (for {@link IdleWaiter}). */
  QueueStats counters() {
    return stats;
  }

  /**
   * Frames the kernel refused to send (TP_STATUS_WRONG_FORMAT) and this queue dropped. Not in
   * {@link QueueStats}, which has no field for it yet.
   */
  public long txWrongFormat() {
    return txWrongFormat;
  }

  /** Whether frames are committed that the kernel has not taken yet; the next flush retries. */
  public boolean txPending() {
    return txHead != txNext;
  }

  /** Where the rings are mapped, for tests that check the mapping is gone after close. */
  long ringAddress() {
    return address;
  }

  /** Unmaps the rings and closes the socket; later calls do nothing. */
  @Override
  public void transmitVisibleToTaps(boolean visible) {
    synchronized (closeLock) {
      if (!closed) {
        SocketOptions.setInt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, visible ? 0 : 1);
      }
    }
  }

  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
      arena.close(); // first, so no Java access can reach the mapping once it is gone
      AfPacketNative.close(fd, address, mappedBytes);
    }
  }
}
