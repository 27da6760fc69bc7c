package io.outpost.dataplane.neighbor;

/**
 * The states of a neighbor entry, as RFC 4861 §7.3.2 names them (and Linux shows them), used
 * for ARP as well as for IPv6 neighbor discovery.
 */
public enum NeighborState {
  /** Resolution in progress: requests sent, no answer yet; packets wait in a bounded queue. */
  INCOMPLETE,
  /** Confirmed recently (an answer within the reachable time). */
  REACHABLE,
  /** Known but not confirmed recently; still used, and probed when used. */
  STALE,
  /** Used while stale: unicast probes sent, waiting for confirmation. */
  PROBE,
  /** Resolution failed: packets to it are answered with host unreachable. */
  FAILED;

  private static final NeighborState[] VALUES = values();

  static NeighborState of(int ordinal) {
    return VALUES[ordinal];
  }
}
