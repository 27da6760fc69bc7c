package io.outpost.dataplane.port.afpacket;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.dataplane.port.FrameBurst;
import io.outpost.dataplane.port.PortQueue;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Frames for the AF_PACKET lab tests, and the transmit and receive loops that move them through
 * {@link PortQueue}s as byte arrays (copies: the tests compare bytes, the queues never copy).
 *
 * <p>Test frames carry the local experimental EtherType 0x88b5 (IEEE 802 "local experimental
 * 1"), so nothing in the kernel acts on them, and a sequence number in their first payload bytes.
 * The receive loop keeps only frames whose EtherType, after any VLAN tags, is one the test sent.
 */
final class TestFrames {
  static final byte[] DESTINATION = {0x02, 0x00, 0x5e, 0x00, 0x53, (byte) 0xff};
  static final byte[] SOURCE = {0x02, 0x00, 0x5e, 0x00, 0x53, 0x20};
  static final int EXPERIMENTAL = 0x88b5;
  static final int IPV4 = 0x0800;

  private TestFrames() {}

  /** An untagged 0x88b5 frame of {@code length} bytes carrying {@code sequence}. */
  static byte[] experimental(int sequence, int length) {
    ByteBuffer frame = ByteBuffer.allocate(length);
    frame.put(DESTINATION).put(SOURCE).putShort((short) EXPERIMENTAL).putInt(sequence);
    while (frame.hasRemaining()) {
      frame.put((byte) (sequence + frame.position()));
    }
    return frame.array();
  }

  /** {@code frame} with a tag (TPID, TCI) inserted after the addresses. */
  static byte[] tagged(byte[] frame, int tpid, int tci) {
    ByteBuffer tagged = ByteBuffer.allocate(frame.length + 4);
    tagged.put(frame, 0, 12).putShort((short) tpid).putShort((short) tci);
    tagged.put(frame, 12, frame.length - 12);
    return tagged.array();
  }

  /**
   * A 100-byte IPv4/UDP frame from 192.0.2.1 port {@code 10000 + flow} to 198.51.100.1 port
   * 4789, carrying {@code sequence}: flows differ in their 5-tuple, so the kernel's flow hash
   * spreads them.
   */
  static byte[] udp(int flow, int sequence) {
    ByteBuffer frame = ByteBuffer.allocate(100);
    frame.put(DESTINATION).put(SOURCE).putShort((short) IPV4);
    frame.put((byte) 0x45).put((byte) 0).putShort((short) 86).putInt(0);
    frame.put((byte) 64).put((byte) 17).putShort((short) 0);
    frame.put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 198, 51, 100, 1});
    frame.putShort((short) (10000 + flow)).putShort((short) 4789).putShort((short) 66);
    frame.putShort((short) 0).putInt(flow).putInt(sequence);
    return frame.array();
  }

  /** The EtherType after any 802.1Q/802.1ad tags. */
  static int innerEtherType(byte[] frame) {
    int at = 12;
    int type = ((frame[at] & 0xff) << 8) | (frame[at + 1] & 0xff);
    while ((type == 0x8100 || type == 0x88a8) && at + 6 <= frame.length) {
      at += 4;
      type = ((frame[at] & 0xff) << 8) | (frame[at + 1] & 0xff);
    }
    return type;
  }

  /**
   * Claims, writes and commits every frame, then flushes once; fails if a slot is refused.
   */
  static void transmit(PortQueue queue, List<byte[]> frames) {
    for (byte[] frame : frames) {
      long at = queue.claimTx(frame.length);
      assertTrue(at >= 0, "no transmit slot for a frame of " + frame.length + " bytes");
      MemorySegment.copy(frame, 0, queue.txBuffer(), ValueLayout.JAVA_BYTE, at, frame.length);
      queue.commitTx(frame.length);
    }
    queue.flush();
  }

  /** What {@link #receive} collected: the frames in order and the size of each burst. */
  record Received(List<byte[]> frames, List<Integer> bursts) {}

  /**
   * Receives until {@code expected} frames of the test's EtherTypes have arrived or five seconds
   * pass, waiting on {@code waiter} (at most 50 ms at a time) whenever the ring is empty.
   */
  static Received receive(PortQueue queue, IdleWaiter waiter, int expected) {
    return receive(queue, waiter, expected, 5000);
  }

  private static Received receive(
      PortQueue queue, IdleWaiter waiter, int expected, int timeoutMillis) {
    List<byte[]> frames = new ArrayList<>();
    List<Integer> bursts = new ArrayList<>();
    FrameBurst burst = new FrameBurst();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (frames.size() < expected && deadline - System.nanoTime() > 0) {
      int n = queue.receive(burst);
      if (n == 0) {
        waiter.await(50);
        continue;
      }
      bursts.add(n);
      for (int i = 0; i < n; i++) {
        byte[] copy = new byte[burst.length[i]];
        MemorySegment.copy(
            queue.rxBuffer(), ValueLayout.JAVA_BYTE, burst.offset[i], copy, 0, copy.length);
        int type = innerEtherType(copy);
        if (type == EXPERIMENTAL || type == IPV4) {
          frames.add(copy);
        }
      }
      queue.releaseReceived();
    }
    return new Received(frames, bursts);
  }

  /** Receives whatever arrives within {@code millis}, for checking that nothing more comes. */
  static List<byte[]> drainFor(PortQueue queue, IdleWaiter waiter, int millis) {
    return receive(queue, waiter, Integer.MAX_VALUE, millis).frames();
  }
}
