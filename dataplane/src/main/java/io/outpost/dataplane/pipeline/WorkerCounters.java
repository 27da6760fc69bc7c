package io.outpost.dataplane.pipeline;

/**
 * One worker's counters: per interface (rx/tx packets and bytes, drops and punts), per drop
 * reason, per stage, and the distribution of burst sizes.
 *
 * <p>Written only by the owning worker with plain stores, once per burst where the code can
 * (a stage adds its burst's total); read by the control plane, which sums workers and accepts
 * values a few bursts old. Sized for the most interfaces a snapshot may hold; a snapshot with
 * more is refused by the runtime before it reaches a worker.
 */
public final class WorkerCounters {
  public static final int MAX_INTERFACES = 1024;

  public final long[] rxPackets = new long[MAX_INTERFACES];
  public final long[] rxBytes = new long[MAX_INTERFACES];
  public final long[] txPackets = new long[MAX_INTERFACES];
  public final long[] txBytes = new long[MAX_INTERFACES];
  public final long[] rxDrops = new long[MAX_INTERFACES];
  public final long[] punted = new long[MAX_INTERFACES];
  public final long[] drops = new long[DropReason.VALUES.length];
  /** Drops by ingress interface and reason: [interface * reasons + reason]. */
  public final long[] interfaceDrops = new long[MAX_INTERFACES * DropReason.VALUES.length];
  /** Per stage: bursts it ran on and frames it saw (frames / bursts = its vector size). */
  public final long[] stageCalls = new long[Stage.VALUES.length];
  public final long[] stageFrames = new long[Stage.VALUES.length];
  /** Bursts by size: [0] 1 frame, [1] 2-3, [2] 4-7 ... [8] 256. */
  public final long[] burstSizes = new long[9];
  public long bursts;
  public long idlePolls;
  public long icmpErrorsSent;
  public long icmpErrorsRateLimited;
  public long neighborRequestsSent;
  /** Packets put in the resolution queue. */
  public long neighborQueued;
  /** IPv4 packets sent in fragments because they were larger than the egress MTU. */
  public long ipv4Fragmented;

  void drop(DropReason reason) {
    drops[reason.ordinal()]++;
  }

  void stage(Stage stage, int frames) {
    if (frames > 0) {
      stageCalls[stage.ordinal()]++;
      stageFrames[stage.ordinal()] += frames;
    }
  }

  void burst(int size) {
    bursts++;
    burstSizes[31 - Integer.numberOfLeadingZeros(size)]++;
  }
}
