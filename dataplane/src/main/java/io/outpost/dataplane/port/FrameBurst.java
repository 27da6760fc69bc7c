package io.outpost.dataplane.port;

/**
 * The frames of one receive burst: offsets and lengths into the receiving queue's
 * {@link PortQueue#rxBuffer()}, plus per-frame scratch the pipeline stages fill in.
 *
 * <p>Pre-allocated once per worker and reused for every burst: plain arrays indexed by the
 * frame's position, so a stage is a tight loop over {@code 0..size()} with no object per
 * packet (the VPP "vector" shape). {@link #MAX} is 256 frames, VPP's vector size: large enough
 * to amortise the per-burst costs, small enough that the burst's headers stay in L1/L2.
 */
public final class FrameBurst {

  /** The most frames one burst carries. */
  public static final int MAX = 256;

  private final int capacity;
  private int size;

  /** Offset of each frame's first byte (the Ethernet destination) in the rx buffer. */
  public final long[] offset;
  /** Length of each frame in bytes, as received (no FCS). */
  public final int[] length;

  /** A burst that holds at most {@code capacity} frames (1..{@link #MAX}). */
  public FrameBurst(int capacity) {
    if (capacity < 1 || capacity > MAX) {
      throw new IllegalArgumentException("burst capacity must be 1.." + MAX + ": " + capacity);
    }
    this.capacity = capacity;
    this.offset = new long[capacity];
    this.length = new int[capacity];
  }

  /** A burst of {@link #MAX} frames. */
  public FrameBurst() {
    this(MAX);
  }

  public int capacity() {
    return capacity;
  }

  public int size() {
    return size;
  }

  /** Empties the burst; drivers call this at the start of {@code receive}. */
  public void clear() {
    size = 0;
  }

  /** Whether another frame fits. */
  public boolean hasRoom() {
    return size < capacity;
  }

  /** Appends a frame; the caller has checked {@link #hasRoom()}. */
  public void add(long frameOffset, int frameLength) {
    offset[size] = frameOffset;
    length[size] = frameLength;
    size++;
  }
}
