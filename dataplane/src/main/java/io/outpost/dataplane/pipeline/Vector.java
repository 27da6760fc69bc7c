package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.port.FrameBurst;
import java.lang.foreign.MemorySegment;

/**
 * The per-frame scratch one burst carries through the stages: where each frame goes next
 * ({@link Arc}), its ingress and egress interface, where its IP header starts and how long the
 * IP packet is, the next hop and the MAC to send to. Plain arrays, allocated once per worker.
 */
final class Vector {
  final FrameBurst burst = new FrameBurst();
  /** The buffer the burst's offsets point into (the receiving queue's rx buffer). */
  MemorySegment buf;
  /** The port the burst arrived on. */
  int port;

  final int[] next = new int[FrameBurst.MAX];
  final int[] ifIn = new int[FrameBurst.MAX];
  final int[] ifOut = new int[FrameBurst.MAX];
  /** Absolute offset of the IP (or ARP) header in {@link #buf}. */
  final long[] l3 = new long[FrameBurst.MAX];
  /** Length of the IP packet (header and payload, no link padding). */
  final int[] l3Length = new int[FrameBurst.MAX];
  final int[] nextHop = new int[FrameBurst.MAX];
  final long[] dstMac = new long[FrameBurst.MAX];
  /** The {@link DropReason} ordinal of a dropped frame, for the trace. */
  final int[] dropReason = new int[FrameBurst.MAX];

  int size() {
    return burst.size();
  }

  long frame(int i) {
    return burst.offset[i];
  }

  int frameLength(int i) {
    return burst.length[i];
  }

  /** Bytes from the IP header to the end of the frame as received. */
  int available(int i) {
    return (int) (burst.offset[i] + burst.length[i] - l3[i]);
  }
}
