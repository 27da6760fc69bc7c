package io.outpost.dataplane.port.memory;

import io.outpost.dataplane.port.FrameBurst;
import io.outpost.dataplane.port.PortQueue;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory cable with two ends, {@link #a()} and {@link #b()}: what one end transmits the
 * other receives. The helpers {@link #send} and {@link #drain} copy whole frames in and out as
 * byte arrays for tests (they allocate; the queues themselves do not).
 */
public final class MemoryWire {
  /** Default slots per direction and bytes per slot (a jumbo frame fits). */
  public static final int DEFAULT_SLOTS = 1024;
  public static final int DEFAULT_SLOT_SIZE = 9216 + 64;

  private final MemoryPortQueue a;
  private final MemoryPortQueue b;

  public MemoryWire() {
    this(DEFAULT_SLOTS, DEFAULT_SLOT_SIZE);
  }

  public MemoryWire(int slots, int slotSize) {
    MemoryRing aToB = new MemoryRing(slots, slotSize);
    MemoryRing bToA = new MemoryRing(slots, slotSize);
    this.a = new MemoryPortQueue(bToA, aToB);
    this.b = new MemoryPortQueue(aToB, bToA);
  }

  public MemoryPortQueue a() {
    return a;
  }

  public MemoryPortQueue b() {
    return b;
  }

  /** Transmits {@code frame} from {@code end} and flushes; false when the ring is full. */
  public static boolean send(PortQueue end, byte[] frame) {
    long at = end.claimTx(frame.length);
    if (at < 0) {
      return false;
    }
    MemorySegment.copy(frame, 0, end.txBuffer(), ValueLayout.JAVA_BYTE, at, frame.length);
    end.commitTx(frame.length);
    end.flush();
    return true;
  }

  /** Receives every frame waiting at {@code end}, copied out, and releases them. */
  public static List<byte[]> drain(PortQueue end) {
    List<byte[]> frames = new ArrayList<>();
    FrameBurst burst = new FrameBurst();
    int n;
    while ((n = end.receive(burst)) > 0) {
      for (int i = 0; i < n; i++) {
        byte[] copy = new byte[burst.length[i]];
        MemorySegment.copy(end.rxBuffer(), ValueLayout.JAVA_BYTE, burst.offset[i], copy, 0,
            copy.length);
        frames.add(copy);
      }
      end.releaseReceived();
    }
    return frames;
  }
}
