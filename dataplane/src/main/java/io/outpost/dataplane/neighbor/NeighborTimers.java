package io.outpost.dataplane.neighbor;

/**
 * The timers of neighbor resolution, in nanoseconds; the defaults are Linux's (and RFC 4861
 * §10's): 30 s reachable, 1 s between requests, 3 requests, 60 s before an unused entry goes.
 */
public record NeighborTimers(
    long reachableNanos, long retransmitNanos, int maxProbes, long garbageNanos,
    int maxQueuedPerNeighbor) {

  public static final NeighborTimers DEFAULTS =
      new NeighborTimers(30_000_000_000L, 1_000_000_000L, 3, 60_000_000_000L, 16);
}
