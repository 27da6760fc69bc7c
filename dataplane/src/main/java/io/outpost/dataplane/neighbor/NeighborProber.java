package io.outpost.dataplane.neighbor;

/**
 * Sends the requests that resolve and re-confirm neighbors: an ARP request or an IPv6
 * neighbor solicitation out of the neighbor's interface. Implemented by a worker, which owns
 * transmit queues; called from {@link NeighborTable#tick} on that worker's thread.
 */
public interface NeighborProber {
  /**
   * @param unicast true to ask the known MAC directly (re-confirming a stale entry), false to
   *     broadcast (ARP) or multicast to the solicited-node group (ND)
   */
  void probe(Neighbor neighbor, boolean unicast);
}
