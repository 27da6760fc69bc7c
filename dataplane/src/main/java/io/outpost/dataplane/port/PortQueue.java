package io.outpost.dataplane.port;

import java.lang.foreign.MemorySegment;

/**
 * One worker's receive and transmit queue on one port: the contract every port driver meets
 * (AF_PACKET rings, in-memory pairs, pcap replay).
 *
 * <p>A queue has exactly one owner, the worker thread that polls it; nothing here is
 * thread-safe, and nothing here allocates. Frames are never copied on receive: {@link
 * #receive} fills a {@link FrameBurst} with offsets into {@link #rxBuffer()}, the worker reads
 * and rewrites them in place, then gives them back with {@link #releaseReceived}. Transmit is a
 * claim/commit pair on {@link #txBuffer()} so a stage can build the outgoing frame directly in
 * the ring, and {@link #flush} hands everything committed since the last flush to the kernel
 * in one system call.
 *
 * <p>Ordering per queue is always: {@code receive → (transmit...) → releaseReceived → flush}.
 * A burst must be released before the next {@code receive}.
 */
public interface PortQueue extends AutoCloseable {

  /** The memory that received frames live in; offsets in a {@link FrameBurst} point into it. */
  MemorySegment rxBuffer();

  /**
   * Takes up to {@code burst.capacity()} received frames, without blocking and without a system
   * call when frames are already waiting.
   *
   * @return how many frames were added to {@code burst}
   */
  int receive(FrameBurst burst);

  /** Gives every frame of the last {@link #receive} back to the driver. */
  void releaseReceived();

  /** The memory that transmitted frames are built in; {@link #claimTx} returns offsets in it. */
  MemorySegment txBuffer();

  /**
   * Reserves space for one outgoing frame of at most {@code maxLength} bytes.
   *
   * @return the offset in {@link #txBuffer()} at which to write the frame, or {@code -1} when
   *     the transmit ring is full (the caller counts a drop) or the frame is longer than a slot
   */
  long claimTx(int maxLength);

  /** Finishes the frame last claimed: {@code length} bytes were written at the claimed offset. */
  void commitTx(int length);

  /** Hands every committed frame to the kernel (at most one system call). */
  void flush();

  /** The largest frame, in bytes including the Ethernet header, a transmit slot holds. */
  int maxFrameLength();

  /**
   * A file descriptor that becomes readable when frames arrive, for idle workers to wait on;
   * {@code -1} for drivers that cannot be waited on (in-memory ports).
   */
  int pollFd();

  /** Counters the driver keeps about itself (ring full, kernel drops); never reset by reads. */
  QueueStats stats();

  /**
   * Whether frames this queue transmits should pass where packet taps (libpcap, tcpdump) see
   * them, for a capture; normally they bypass that layer for speed. Drivers without such taps
   * ignore it.
   */
  default void transmitVisibleToTaps(boolean visible) {}

  @Override
  void close();
}
