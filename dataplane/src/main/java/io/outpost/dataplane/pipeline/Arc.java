package io.outpost.dataplane.pipeline;

/**
 * Where a frame goes next: the value a stage writes in {@link Vector#next} for each frame.
 * Plain int constants rather than an enum so the per-frame array stays an {@code int[]}.
 */
final class Arc {
  static final int DROP = 0;
  static final int ARP = 1;
  static final int IPV4 = 2;
  static final int IPV6 = 3;
  static final int FORWARD4 = 4;
  static final int FORWARD6 = 5;
  static final int PUNT = 6;
  static final int OUTPUT = 7;
  /** Consumed by a stage (queued for resolution, answered): nothing more to do. */
  static final int DONE = 8;

  private Arc() {}
}
