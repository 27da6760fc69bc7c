package io.outpost.dataplane.port;

/**
 * Counters one {@link PortQueue} keeps about its own I/O. Written only by the owning worker
 * (plain fields, no atomics on the hot path); read by the control plane, which tolerates a
 * value a few bursts stale.
 */
public final class QueueStats {
  public long rxPackets;
  public long rxBytes;
  public long txPackets;
  public long txBytes;
  /** Frames refused because the transmit ring had no free slot. */
  public long txRingFull;
  /** Frames the kernel dropped before we saw them (AF_PACKET tp_drops), when known. */
  public long rxKernelDrops;
  /** Frames longer than a slot, cut short by the kernel (TP_STATUS_COPY) and dropped. */
  public long rxTruncated;
  /** System calls made to hand transmitted frames to the kernel. */
  public long txFlushes;
  /** System calls made to wait for or wake the receive ring. */
  public long rxPolls;
}
