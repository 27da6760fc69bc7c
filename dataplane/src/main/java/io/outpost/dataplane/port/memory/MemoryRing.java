package io.outpost.dataplane.port.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A single-producer, single-consumer ring of fixed-size frame slots in one off-heap segment:
 * one direction of an in-memory wire.
 *
 * <p>The producer claims slots past {@code producerIndex} and makes them visible with one
 * release store per flush; the consumer reads slots up to the acquired producer index and
 * frees them with one release store per burst. Indices only grow; a slot is
 * {@code index & (slots - 1)}. No locks, no allocation after construction.
 */
final class MemoryRing {
  private static final VarHandle PRODUCER;
  private static final VarHandle CONSUMER;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PRODUCER = lookup.findVarHandle(MemoryRing.class, "producerIndex", long.class);
      CONSUMER = lookup.findVarHandle(MemoryRing.class, "consumerIndex", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final MemorySegment slots;
  final int[] lengths;
  final int slotSize;
  final int mask;

  @SuppressWarnings("unused") // accessed through PRODUCER
  private volatile long producerIndex;
  @SuppressWarnings("unused") // accessed through CONSUMER
  private volatile long consumerIndex;

  MemoryRing(int slotCount, int slotSize) {
    if (Integer.bitCount(slotCount) != 1) {
      throw new IllegalArgumentException("slot count must be a power of two: " + slotCount);
    }
    this.slots = Arena.ofAuto().allocate((long) slotCount * slotSize, 64);
    this.lengths = new int[slotCount];
    this.slotSize = slotSize;
    this.mask = slotCount - 1;
  }

  long producerAcquire() {
    return (long) PRODUCER.getAcquire(this);
  }

  void producerRelease(long value) {
    PRODUCER.setRelease(this, value);
  }

  long consumerAcquire() {
    return (long) CONSUMER.getAcquire(this);
  }

  void consumerRelease(long value) {
    CONSUMER.setRelease(this, value);
  }

  int capacity() {
    return mask + 1;
  }

  long slotOffset(long index) {
    return (index & mask) * (long) slotSize;
  }
}
