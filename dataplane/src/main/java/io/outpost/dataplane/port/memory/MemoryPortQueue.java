package io.outpost.dataplane.port.memory;

import io.outpost.dataplane.port.FrameBurst;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.port.QueueStats;
import java.lang.foreign.MemorySegment;

/**
 * One end of an in-memory wire: receives what the other end transmits. Used by unit tests and
 * JMH benchmarks to drive the pipeline without the kernel; it keeps the same zero-copy,
 * claim/commit/flush discipline as the AF_PACKET rings so tests exercise the real code paths.
 */
public final class MemoryPortQueue implements PortQueue {
  private final MemoryRing in;
  private final MemoryRing out;
  private final QueueStats stats = new QueueStats();

  private long rxNext;      // consumer-side cursor: next slot to hand to receive()
  private long rxReleased;  // consumer index last published
  private long txNext;      // producer-side cursor: next slot to claim
  private long txClaimed = -1;
  private long txConsumerCache;

  MemoryPortQueue(MemoryRing in, MemoryRing out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public MemorySegment rxBuffer() {
    return in.slots;
  }

  @Override
  public int receive(FrameBurst burst) {
    burst.clear();
    long available = in.producerAcquire();
    int n = 0;
    while (rxNext < available && burst.hasRoom()) {
      int len = in.lengths[(int) (rxNext & in.mask)];
      burst.add(in.slotOffset(rxNext), len);
      stats.rxPackets++;
      stats.rxBytes += len;
      rxNext++;
      n++;
    }
    return n;
  }

  @Override
  public void releaseReceived() {
    if (rxReleased != rxNext) {
      rxReleased = rxNext;
      in.consumerRelease(rxNext);
    }
  }

  @Override
  public MemorySegment txBuffer() {
    return out.slots;
  }

  @Override
  public long claimTx(int maxLength) {
    if (maxLength > out.slotSize) {
      return -1;
    }
    if (txNext - txConsumerCache >= out.capacity()) {
      txConsumerCache = out.consumerAcquire();
      if (txNext - txConsumerCache >= out.capacity()) {
        stats.txRingFull++;
        return -1;
      }
    }
    txClaimed = txNext;
    return out.slotOffset(txNext);
  }

  @Override
  public void commitTx(int length) {
    if (txClaimed != txNext) {
      throw new IllegalStateException("commitTx without claimTx");
    }
    out.lengths[(int) (txNext & out.mask)] = length;
    txNext++;
    txClaimed = -1;
    stats.txPackets++;
    stats.txBytes += length;
  }

  @Override
  public void flush() {
    if (out.producerAcquire() != txNext) {
      out.producerRelease(txNext);
      stats.txFlushes++;
    }
  }

  @Override
  public int maxFrameLength() {
    return out.slotSize;
  }

  @Override
  public int pollFd() {
    return -1;
  }

  @Override
  public QueueStats stats() {
    return stats;
  }

  @Override
  public void close() {}
}
