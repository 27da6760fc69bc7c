package io.outpost.dataplane.neighbor;

import java.util.ArrayList;
import java.util.List;

/**
 * The data plane's ARP and IPv6 neighbor cache: neighbors keyed by (interface, address), with
 * the RFC 4861 state machine driven by what workers see on the wire and by {@link #tick}.
 *
 * <p>Reads are the hot path and take no lock: an open-addressing array of entries, published
 * through one volatile field, probed linearly. Changes to the set of entries (a first packet
 * to a new next hop, garbage collection) are rare and serialise on the table's monitor; they
 * never move an entry a reader holds, they publish a new array. State changes within an entry
 * are single atomic words (see {@link Neighbor}). {@link #generation()} moves whenever an
 * entry becomes usable or fails, so workers holding packets for resolution know when to look
 * again without scanning every burst.
 */
public final class NeighborTable {
  private final NeighborTimers timers;
  private volatile Neighbor[] slots = new Neighbor[256];
  private int count;
  private volatile long generation;

  public NeighborTable(NeighborTimers timers) {
    this.timers = timers;
  }

  public NeighborTimers timers() {
    return timers;
  }

  /** Moves whenever some entry becomes usable or fails. */
  public long generation() {
    return generation;
  }

  private static int hash4(int interfaceId, int ip) {
    int h = (ip * 0x9e3779b9) ^ (interfaceId * 0x85ebca6b);
    return h ^ (h >>> 15);
  }

  private static int hash6(int interfaceId, long hi, long lo) {
    long h = (lo * 0x9e3779b97f4a7c15L) ^ Long.rotateLeft(hi, 17) ^ interfaceId;
    h *= 0xc2b2ae3d27d4eb4fL;
    return (int) (h ^ (h >>> 31));
  }

  /** Every entry, in no particular order: for {@code show neighbors}. */
  public List<Neighbor> entries() {
    List<Neighbor> out = new ArrayList<>();
    for (Neighbor n : slots) {
      if (n != null) {
        out.add(n);
      }
    }
    return out;
  }

  /** The IPv4 neighbor {@code ip} on interface {@code interfaceId}, or null. No lock. */
  public Neighbor find4(int interfaceId, int ip) {
    Neighbor[] s = slots;
    int mask = s.length - 1;
    for (int i = hash4(interfaceId, ip) & mask; ; i = (i + 1) & mask) {
      Neighbor n = s[i];
      if (n == null || (n.family == 4 && n.ipv4 == ip && n.interfaceId == interfaceId)) {
        return n;
      }
    }
  }

  /** The IPv6 neighbor {@code (hi, lo)} on interface {@code interfaceId}, or null. No lock. */
  public Neighbor find6(int interfaceId, long hi, long lo) {
    Neighbor[] s = slots;
    int mask = s.length - 1;
    for (int i = hash6(interfaceId, hi, lo) & mask; ; i = (i + 1) & mask) {
      Neighbor n = s[i];
      if (n == null || (n.family == 6 && n.ipv6Lo == lo && n.ipv6Hi == hi
          && n.interfaceId == interfaceId)) {
        return n;
      }
    }
  }

  /**
   * The entry to forward {@code ip} through, created INCOMPLETE if there is none; a FAILED
   * entry older than the retransmit interval starts resolving again (as Linux does). The
   * caller sends the first request when {@link #claimProbe} says so.
   */
  public Neighbor resolve4(int interfaceId, int ip, long now) {
    Neighbor n = find4(interfaceId, ip);
    if (n == null) {
      n = insert(new Neighbor(interfaceId, 4, ip, 0, 0, now));
    }
    restartIfFailed(n, now);
    return n;
  }

  /** As {@link #resolve4} for IPv6. */
  public Neighbor resolve6(int interfaceId, long hi, long lo, long now) {
    Neighbor n = find6(interfaceId, hi, lo);
    if (n == null) {
      n = insert(new Neighbor(interfaceId, 6, 0, hi, lo, now));
    }
    restartIfFailed(n, now);
    return n;
  }

  private void restartIfFailed(Neighbor n, long now) {
    if (n.state() == NeighborState.FAILED && now - n.changedAt >= timers.retransmitNanos()) {
      synchronized (this) {
        if (n.state() == NeighborState.FAILED) {
          n.probes = 0;
          n.nextProbeAt = now;
          n.setState(NeighborState.INCOMPLETE, now);
        }
      }
    }
  }

  /**
   * Whether the caller should send a request for {@code n} now (INCOMPLETE and due): claims it,
   * so two workers missing on the same neighbor in the same instant send one request.
   */
  public boolean claimProbe(Neighbor n, long now) {
    if (n.state() != NeighborState.INCOMPLETE || now - n.nextProbeAt < 0
        || n.probes >= timers.maxProbes()) {
      return false;
    }
    synchronized (this) {
      if (now - n.nextProbeAt < 0 || n.probes >= timers.maxProbes()) {
        return false;
      }
      n.probes++;
      n.nextProbeAt = now + timers.retransmitNanos();
      return true;
    }
  }

  private synchronized Neighbor insert(Neighbor fresh) {
    Neighbor existing = fresh.family == 4 ? find4(fresh.interfaceId, fresh.ipv4)
        : find6(fresh.interfaceId, fresh.ipv6Hi, fresh.ipv6Lo);
    if (existing != null) {
      return existing;
    }
    fresh.nextProbeAt = fresh.changedAt;
    if ((count + 1) * 2 > slots.length) {
      rebuild(slots.length * 2, List.of());
    }
    place(slots, fresh);
    slots = slots; // volatile write: publishes the new entry to readers
    count++;
    return fresh;
  }

  private static void place(Neighbor[] s, Neighbor n) {
    int mask = s.length - 1;
    int i = (n.family == 4 ? hash4(n.interfaceId, n.ipv4)
        : hash6(n.interfaceId, n.ipv6Hi, n.ipv6Lo)) & mask;
    while (s[i] != null) {
      i = (i + 1) & mask;
    }
    s[i] = n;
  }

  private void rebuild(int size, List<Neighbor> removed) {
    Neighbor[] next = new Neighbor[size];
    int kept = 0;
    for (Neighbor n : slots) {
      if (n != null && !removed.contains(n)) {
        place(next, n);
        kept++;
      }
    }
    count = kept;
    slots = next;
  }

  /**
   * Records what an ARP or ND message said about a neighbor. A confirmation (an ARP reply, a
   * solicited NA) makes the entry REACHABLE; anything else (a request from it, an unsolicited
   * NA) makes it STALE if the MAC changed or it was not usable, and creates it only when
   * {@code create} (the message was addressed to us, as RFC 826's merge rule says).
   */
  public void learn4(int interfaceId, int ip, long mac, boolean confirmed, boolean create,
      long now) {
    Neighbor n = find4(interfaceId, ip);
    if (n == null && !create && !confirmed) {
      return;
    }
    if (n == null) {
      n = insert(new Neighbor(interfaceId, 4, ip, 0, 0, now));
    }
    learn(n, mac, confirmed, now);
  }

  /** As {@link #learn4} for IPv6. */
  public void learn6(int interfaceId, long hi, long lo, long mac, boolean confirmed,
      boolean create, long now) {
    Neighbor n = find6(interfaceId, hi, lo);
    if (n == null && !create && !confirmed) {
      return;
    }
    if (n == null) {
      n = insert(new Neighbor(interfaceId, 6, 0, hi, lo, now));
    }
    learn(n, mac, confirmed, now);
  }

  private void learn(Neighbor n, long mac, boolean confirmed, long now) {
    NeighborState state = n.state();
    boolean wasUsable = state != NeighborState.INCOMPLETE && state != NeighborState.FAILED;
    if (confirmed) {
      n.set(mac, NeighborState.REACHABLE, now);
    } else if (!wasUsable || n.mac() != mac) {
      n.set(mac, NeighborState.STALE, now);
    } else {
      return;
    }
    n.probes = 0;
    if (!wasUsable) {
      generation++;
    }
  }

  /**
   * Runs the timers: retries and failures of INCOMPLETE entries, REACHABLE going STALE, STALE
   * entries in use being probed, and garbage collection of entries unused for the garbage
   * interval. Called by one worker every few milliseconds; sends requests through
   * {@code prober}.
   */
  public void tick(long now, NeighborProber prober) {
    List<Neighbor> dead = null;
    for (Neighbor n : slots) {
      if (n == null) {
        continue;
      }
      switch (n.state()) {
        case INCOMPLETE, PROBE -> {
          if (now - n.nextProbeAt >= 0) {
            if (n.probes >= timers.maxProbes()) {
              n.setState(NeighborState.FAILED, now);
              generation++;
            } else {
              boolean unicast = n.state() == NeighborState.PROBE;
              n.probes++;
              n.nextProbeAt = now + timers.retransmitNanos();
              prober.probe(n, unicast);
            }
          }
        }
        case REACHABLE -> {
          if (now - n.changedAt > timers.reachableNanos()) {
            n.setState(NeighborState.STALE, now);
          }
        }
        case STALE -> {
          if (n.usedAt - n.changedAt > 0) {
            n.probes = 0;
            n.nextProbeAt = now;
            n.setState(NeighborState.PROBE, now);
          } else if (now - n.usedAt > timers.garbageNanos()) {
            dead = add(dead, n);
          }
        }
        case FAILED -> {
          if (now - n.changedAt > timers.garbageNanos()) {
            dead = add(dead, n);
          }
        }
      }
    }
    if (dead != null) {
      synchronized (this) {
        rebuild(slots.length, dead);
      }
    }
  }

  private static List<Neighbor> add(List<Neighbor> list, Neighbor n) {
    List<Neighbor> l = list == null ? new ArrayList<>() : list;
    l.add(n);
    return l;
  }
}
