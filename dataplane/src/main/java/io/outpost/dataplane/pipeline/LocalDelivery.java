package io.outpost.dataplane.pipeline;

import java.lang.foreign.MemorySegment;

/**
 * Hands frames for the appliance itself to the kernel: the TAP mirror of the interface they
 * arrived on (the linux-cp pattern). Called on a worker thread with the frame in place in the
 * receive ring (untagged); the implementation must not block and must not keep the memory
 * after it returns.
 */
@FunctionalInterface
public interface LocalDelivery {
  /** @return false when the frame could not be delivered (counted as a drop by the caller) */
  boolean deliver(int interfaceId, MemorySegment buffer, long frame, int length);
}
