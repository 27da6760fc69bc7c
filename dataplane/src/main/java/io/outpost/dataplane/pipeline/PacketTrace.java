package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.port.FrameBurst;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One worker's per-packet trace, off unless armed (what {@code trace} in the CLI does): the
 * next packets a worker receives are recorded as they arrived (their first bytes), with where
 * each stage sent them and how they ended (the egress interface, next hop and MAC, or the drop
 * reason). Like VPP's packet trace, it exists so an engineer can see why one packet went where
 * it went without a debugger.
 *
 * <p>Off, it costs the worker one volatile read per burst. Armed, it copies at most
 * {@link #HEAD_BYTES} per traced packet into arrays allocated here once, so tracing allocates
 * nothing either. The worker is the only writer of records; {@link #arm}, {@link #disarm} and
 * {@link #records} are called from the control plane. Records carry the number of the arming
 * they belong to, so a reader never mixes two traces.
 */
public final class PacketTrace {
  /** Packets one worker keeps per trace. */
  public static final int MAX_RECORDS = 256;
  /** Bytes of each packet kept, from the Ethernet header on. */
  public static final int HEAD_BYTES = 128;
  private static final int STAGES = Stage.VALUES.length;

  private final int worker;
  private final byte[][] heads = new byte[MAX_RECORDS][HEAD_BYTES];
  private final int[] headLength = new int[MAX_RECORDS];
  private final int[] frameLength = new int[MAX_RECORDS];
  private final int[] port = new int[MAX_RECORDS];
  private final long[] time = new long[MAX_RECORDS];
  private final int[] arcs = new int[MAX_RECORDS * STAGES];
  private final int[] ifIn = new int[MAX_RECORDS];
  private final int[] ifOut = new int[MAX_RECORDS];
  private final int[] nextHop = new int[MAX_RECORDS];
  private final long[] dstMac = new long[MAX_RECORDS];
  private final int[] dropReason = new int[MAX_RECORDS];
  private final int[] armedAs = new int[MAX_RECORDS];
  /** Per frame of the current burst: its record, or -1 when it is not traced. */
  private final int[] recordOf = new int[FrameBurst.MAX];

  private volatile int target;
  private volatile int portFilter = -1;
  private volatile int arming;
  private volatile int published;
  private int seenArming;
  private int count;

  PacketTrace(int worker) {
    this.worker = worker;
  }

  /**
   * Traces the next {@code packets} (at most {@link #MAX_RECORDS}) received on port
   * {@code onPort} (-1: any port), forgetting any earlier trace. Returns the arming's number.
   */
  public synchronized int arm(int packets, int onPort) {
    target = 0;
    portFilter = onPort;
    published = 0;
    int number = arming + 1;
    arming = number;
    target = Math.min(packets, MAX_RECORDS);
    return number;
  }

  /** Stops tracing; what was recorded stays readable. */
  public void disarm() {
    target = 0;
  }

  /** The packets recorded since arming number {@code number}, in the order they arrived. */
  public List<TraceRecord> records(int number) {
    int n = published;
    List<TraceRecord> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (armedAs[r] != number) {
        continue;
      }
      int reason = dropReason[r];
      out.add(new TraceRecord(worker, time[r], port[r], frameLength[r],
          Arrays.copyOf(heads[r], headLength[r]),
          Arrays.copyOfRange(arcs, r * STAGES, (r + 1) * STAGES), ifIn[r], ifOut[r],
          nextHop[r], dstMac[r], reason < 0 ? null : DropReason.VALUES[reason]));
    }
    return out;
  }

  /**
   * Picks the frames of this burst to trace and keeps their first bytes, before any stage
   * changes them. False (after one volatile read) when the trace is off or full.
   */
  boolean begin(Vector v, long now) {
    int limit = target;
    if (limit == 0) {
      return false;
    }
    int number = arming;
    if (number != seenArming) {
      seenArming = number;
      count = 0;
    }
    if (count >= limit || (portFilter >= 0 && portFilter != v.port)) {
      return false;
    }
    boolean any = false;
    for (int i = 0; i < v.size(); i++) {
      if (count >= limit) {
        recordOf[i] = -1;
        continue;
      }
      int r = count++;
      recordOf[i] = r;
      any = true;
      int length = v.frameLength(i);
      int kept = Math.min(length, HEAD_BYTES);
      MemorySegment.copy(v.buf, ValueLayout.JAVA_BYTE, v.frame(i), heads[r], 0, kept);
      headLength[r] = kept;
      frameLength[r] = length;
      port[r] = v.port;
      time[r] = now;
      armedAs[r] = number;
      dropReason[r] = -1;
    }
    return any;
  }

  /** Records where {@code stage} sent each traced frame. */
  void after(Stage stage, Vector v) {
    for (int i = 0; i < v.size(); i++) {
      int r = recordOf[i];
      if (r >= 0) {
        arcs[r * STAGES + stage.ordinal()] = v.next[i];
      }
    }
  }

  /** Records how each traced frame ended and publishes the burst's records. */
  void end(Vector v) {
    int last = -1;
    for (int i = 0; i < v.size(); i++) {
      int r = recordOf[i];
      if (r < 0) {
        continue;
      }
      ifIn[r] = v.ifIn[i];
      ifOut[r] = v.ifOut[i];
      nextHop[r] = v.nextHop[i];
      dstMac[r] = v.dstMac[i];
      dropReason[r] = v.next[i] == Arc.DROP ? v.dropReason[i] : -1;
      recordOf[i] = -1;
      last = Math.max(last, r);
    }
    if (last >= 0) {
      published = last + 1;
    }
  }
}
