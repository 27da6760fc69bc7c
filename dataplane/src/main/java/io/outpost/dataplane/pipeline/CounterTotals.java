package io.outpost.dataplane.pipeline;

import java.util.List;

/**
 * The workers' counters summed, at one moment: what {@code show dataplane}, SNMP and metrics
 * report. Immutable. "Clearing" counters is a baseline subtracted from later totals
 * ({@link #since}), because the counters belong to the workers, which alone write them.
 * Per-interface arrays are indexed by interface id; {@code interfaceDrops} by
 * {@code id * DropReason.VALUES.length + reason} (see {@link #interfaceDrops(int, DropReason)}).
 */
public record CounterTotals(long[] rxPackets, long[] rxBytes, long[] txPackets, long[] txBytes,
    long[] rxDrops, long[] punted, long[] drops, long[] interfaceDrops, long[] stageCalls,
    long[] stageFrames, long bursts, long icmpErrorsSent, long icmpErrorsRateLimited, long neighborRequestsSent,
    long neighborQueued, long ipv4Fragmented) {

  /** The sum over {@code workers}, for the first {@code interfaces} interfaces. */
  public static CounterTotals sum(List<Worker> workers, int interfaces) {
    long[][] perInterface = new long[6][interfaces];
    long[] drops = new long[DropReason.VALUES.length];
    long[] interfaceDrops = new long[interfaces * DropReason.VALUES.length];
    long[] stageCalls = new long[Stage.VALUES.length];
    long[] stageFrames = new long[Stage.VALUES.length];
    long[] scalars = new long[6];
    for (Worker w : workers) {
      WorkerCounters c = w.counters();
      add(perInterface[0], c.rxPackets);
      add(perInterface[1], c.rxBytes);
      add(perInterface[2], c.txPackets);
      add(perInterface[3], c.txBytes);
      add(perInterface[4], c.rxDrops);
      add(perInterface[5], c.punted);
      add(drops, c.drops);
      add(interfaceDrops, c.interfaceDrops);
      add(stageCalls, c.stageCalls);
      add(stageFrames, c.stageFrames);
      scalars[0] += c.bursts;
      scalars[1] += c.icmpErrorsSent;
      scalars[2] += c.icmpErrorsRateLimited;
      scalars[3] += c.neighborRequestsSent;
      scalars[4] += c.neighborQueued;
      scalars[5] += c.ipv4Fragmented;
    }
    return new CounterTotals(perInterface[0], perInterface[1], perInterface[2], perInterface[3],
        perInterface[4], perInterface[5], drops, interfaceDrops, stageCalls, stageFrames,
        scalars[0], scalars[1],
        scalars[2], scalars[3], scalars[4], scalars[5]);
  }

  private static void add(long[] into, long[] from) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /** These totals less {@code baseline} (taken earlier from the same workers). */
  public CounterTotals since(CounterTotals baseline) {
    return new CounterTotals(minus(rxPackets, baseline.rxPackets),
        minus(rxBytes, baseline.rxBytes), minus(txPackets, baseline.txPackets),
        minus(txBytes, baseline.txBytes), minus(rxDrops, baseline.rxDrops),
        minus(punted, baseline.punted), minus(drops, baseline.drops),
        minus(interfaceDrops, baseline.interfaceDrops),
        minus(stageCalls, baseline.stageCalls), minus(stageFrames, baseline.stageFrames),
        bursts - baseline.bursts, icmpErrorsSent - baseline.icmpErrorsSent,
        icmpErrorsRateLimited - baseline.icmpErrorsRateLimited,
        neighborRequestsSent - baseline.neighborRequestsSent,
        neighborQueued - baseline.neighborQueued, ipv4Fragmented - baseline.ipv4Fragmented);
  }

  /**
   * These totals with interface {@code id}'s counters counted from {@code base} on: for an
   * interface id that has been given to a new interface, whose counts start at zero.
   */
  public CounterTotals restartingInterface(int id, CounterTotals base) {
    CounterTotals out = new CounterTotals(rxPackets.clone(), rxBytes.clone(), txPackets.clone(),
        txBytes.clone(), rxDrops.clone(), punted.clone(), drops, interfaceDrops.clone(),
        stageCalls, stageFrames, bursts,
        icmpErrorsSent, icmpErrorsRateLimited, neighborRequestsSent, neighborQueued,
        ipv4Fragmented);
    long[][] mine = {out.rxPackets, out.rxBytes, out.txPackets, out.txBytes, out.rxDrops,
        out.punted};
    long[][] theirs = {base.rxPackets, base.rxBytes, base.txPackets, base.txBytes, base.rxDrops,
        base.punted};
    for (int row = 0; row < mine.length; row++) {
      if (id < mine[row].length && id < theirs[row].length) {
        mine[row][id] -= theirs[row][id];
      }
    }
    int reasons = DropReason.VALUES.length;
    for (int r = id * reasons; r < (id + 1) * reasons; r++) {
      if (r < out.interfaceDrops.length && r < base.interfaceDrops.length) {
        out.interfaceDrops[r] -= base.interfaceDrops[r];
      }
    }
    return out;
  }

  /** Drops of interface {@code id} for {@code reason}. */
  public long interfaceDrops(int id, DropReason reason) {
    int at = id * DropReason.VALUES.length + reason.ordinal();
    return at < interfaceDrops.length ? interfaceDrops[at] : 0;
  }

  private static long[] minus(long[] a, long[] b) {
    long[] out = a.clone();
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      out[i] -= b[i];
    }
    return out;
  }

  /** Every drop, all reasons together. */
  public long totalDrops() {
    long sum = 0;
    for (long d : drops) {
      sum += d;
    }
    return sum;
  }
}
