package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.fib.Ipv4Fib;
import io.outpost.dataplane.fib.Ipv6Fib;
import io.outpost.dataplane.neighbor.NeighborTable;
import io.outpost.dataplane.neighbor.NeighborTimers;
import io.outpost.dataplane.table.ForwardingTables;

/**
 * Everything the workers share and the control plane writes: the forwarding snapshot (swapped
 * whole), the two FIBs (updated incrementally and published by their own writer), and the
 * neighbor table (written by workers as they learn). Workers read {@link #forwarding()} once
 * per burst.
 *
 * <p>Order of publication when routes change: new next hops first (a new snapshot whose table
 * holds both old and new ids), then FIB entries that use them; ids leave the next-hop table
 * only after no FIB entry refers to them. A burst therefore never finds an id it cannot read.
 */
public final class DataplaneTables {
  private volatile ForwardingTables forwarding;
  private final Ipv4Fib fib4 = new Ipv4Fib();
  private final Ipv6Fib fib6 = new Ipv6Fib();
  private final NeighborTable neighbors;

  public DataplaneTables(int portCount, NeighborTimers timers) {
    this.forwarding = ForwardingTables.empty(portCount);
    this.neighbors = new NeighborTable(timers);
  }

  public ForwardingTables forwarding() {
    return forwarding;
  }

  /** Swaps in a new snapshot; workers see it from their next burst. */
  public void publish(ForwardingTables next) {
    if (next.portCount() != forwarding.portCount()) {
      throw new IllegalArgumentException("snapshot has " + next.portCount() + " ports, the data "
          + "plane " + forwarding.portCount());
    }
    if (next.interfaces().length > WorkerCounters.MAX_INTERFACES) {
      throw new IllegalArgumentException("at most " + WorkerCounters.MAX_INTERFACES
          + " interfaces: " + next.interfaces().length);
    }
    forwarding = next;
  }

  public Ipv4Fib fib4() {
    return fib4;
  }

  public Ipv6Fib fib6() {
    return fib6;
  }

  public NeighborTable neighbors() {
    return neighbors;
  }
}
