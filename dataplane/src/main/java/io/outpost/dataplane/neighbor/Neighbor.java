package io.outpost.dataplane.neighbor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One neighbor: an IPv4 or IPv6 address on an interface, its MAC and its resolution state.
 *
 * <p>The key fields are final, so a worker that finds the entry through the table sees them
 * safely. The MAC and state are written by whichever thread learned something (a worker that
 * saw an ARP reply, worker 0's timer pass) and read by every worker per packet: they are
 * published together as one {@code volatile long} ({@code mac << 8 | state}) so a reader
 * never sees a new MAC with an old state. Timestamps are plain: a stale read only delays a
 * timer by one pass.
 */
public final class Neighbor {
  private static final VarHandle WORD;

  static {
    try {
      WORD = MethodHandles.lookup().findVarHandle(Neighbor.class, "word", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final int interfaceId;
  /** 4 for IPv4, 6 for IPv6. */
  final int family;
  final int ipv4;
  final long ipv6Hi;
  final long ipv6Lo;

  @SuppressWarnings("unused") // through WORD
  private volatile long word;

  /** When the state last changed or the entry was last confirmed, in nanoseconds. */
  long changedAt;
  /** When a packet last used the entry; racy writes from several workers are fine. */
  long usedAt;
  /** Requests or probes sent in the current INCOMPLETE or PROBE phase. */
  int probes;
  /** When the next request or probe is due. */
  long nextProbeAt;

  Neighbor(int interfaceId, int family, int ipv4, long ipv6Hi, long ipv6Lo, long now) {
    this.interfaceId = interfaceId;
    this.family = family;
    this.ipv4 = ipv4;
    this.ipv6Hi = ipv6Hi;
    this.ipv6Lo = ipv6Lo;
    this.changedAt = now;
    this.usedAt = now;
    WORD.setRelease(this, (long) NeighborState.INCOMPLETE.ordinal());
  }

  /** The MAC in the low 48 bits; meaningful only when {@link #usable()}. */
  public long mac() {
    return (long) WORD.getAcquire(this) >>> 8;
  }

  public NeighborState state() {
    return NeighborState.of((int) ((long) WORD.getAcquire(this) & 0xff));
  }

  /**
   * The MAC to send to, or -1 when the entry cannot be used (INCOMPLETE or FAILED). One
   * acquire load: the per-packet read.
   */
  public long usableMac() {
    long w = (long) WORD.getAcquire(this);
    int state = (int) (w & 0xff);
    return state == NeighborState.INCOMPLETE.ordinal() || state == NeighborState.FAILED.ordinal()
        ? -1 : w >>> 8;
  }

  public boolean usable() {
    return usableMac() >= 0;
  }

  void set(long mac, NeighborState state, long now) {
    WORD.setRelease(this, (mac << 8) | state.ordinal());
    changedAt = now;
  }

  void setState(NeighborState state, long now) {
    set(mac(), state, now);
  }

  /**
   * Notes that a packet used the entry at {@code now} (a STALE entry in use gets probed). Written
   * only when the value changes, so workers sharing a neighbor touch its line once per burst.
   */
  public void touch(long now) {
    if (usedAt != now) {
      usedAt = now;
    }
  }

  public int interfaceId() {
    return interfaceId;
  }

  /** When the state last changed or the entry was last confirmed (the workers' clock). */
  public long changedAt() {
    return changedAt;
  }

  public int family() {
    return family;
  }

  public int ipv4() {
    return ipv4;
  }

  public long ipv6Hi() {
    return ipv6Hi;
  }

  public long ipv6Lo() {
    return ipv6Lo;
  }
}
