package io.outpost.dataplane.table;

import java.util.Arrays;
import java.util.List;

/**
 * One immutable snapshot of what the workers forward with, apart from the FIBs (which publish
 * themselves incrementally): the interfaces, the map from (port, VLAN) to interface, the local
 * addresses and the next-hop table. The control plane builds a new snapshot and swaps it in
 * with one volatile write; a worker reads the reference once per burst, so a burst never mixes
 * two snapshots and no worker ever waits.
 */
public final class ForwardingTables {
  /** VLAN ids per port in the (port, VLAN) → interface map. */
  private static final int VLANS = 4096;

  private final L3Interface[] interfaces;
  private final int[] interfaceByPortVlan;
  private final int portCount;
  private final LocalAddresses local;
  private final NextHop[] nextHops;
  private final long version;

  /**
   * @param portCount the number of ports; interfaces refer to ports 0..portCount-1
   * @param interfaces indexed by their id (interfaces.get(i).id() == i)
   * @param nextHops indexed by next-hop id; index 0 is reserved for "no route" and is unused
   */
  public ForwardingTables(
      long version, int portCount, List<L3Interface> interfaces, List<NextHop> nextHops) {
    this.version = version;
    this.portCount = portCount;
    this.interfaces = interfaces.toArray(L3Interface[]::new);
    this.interfaceByPortVlan = new int[portCount * VLANS];
    Arrays.fill(interfaceByPortVlan, -1);
    for (int i = 0; i < this.interfaces.length; i++) {
      L3Interface each = this.interfaces[i];
      if (each.id() != i) {
        throw new IllegalArgumentException("interface " + each.name() + " has id " + each.id()
            + " at index " + i);
      }
      if (each.port() < 0 || each.port() >= portCount) {
        throw new IllegalArgumentException("interface " + each.name() + " is on port "
            + each.port() + " of " + portCount);
      }
      int key = each.port() * VLANS + each.vlan();
      if (interfaceByPortVlan[key] >= 0) {
        throw new IllegalArgumentException("interfaces " + this.interfaces[interfaceByPortVlan[key]]
            .name() + " and " + each.name() + " share port " + each.port() + " VLAN "
            + each.vlan());
      }
      interfaceByPortVlan[key] = i;
    }
    this.local = new LocalAddresses(this.interfaces);
    this.nextHops = nextHops.toArray(NextHop[]::new);
  }

  /** A snapshot with no interfaces and no next hops. */
  public static ForwardingTables empty(int portCount) {
    return new ForwardingTables(0, portCount, List.of(), List.of(NextHop.blackhole()));
  }

  public long version() {
    return version;
  }

  public int portCount() {
    return portCount;
  }

  public L3Interface[] interfaces() {
    return interfaces;
  }

  public L3Interface interfaceAt(int id) {
    return interfaces[id];
  }

  /** The interface for frames arriving on {@code port} with {@code vlan} (0: untagged), or -1. */
  public int interfaceFor(int port, int vlan) {
    return interfaceByPortVlan[port * VLANS + vlan];
  }

  public LocalAddresses local() {
    return local;
  }

  public NextHop[] nextHops() {
    return nextHops;
  }

  /** The next hop for {@code id}, or null for an id the table does not hold. */
  public NextHop nextHop(int id) {
    return id > 0 && id < nextHops.length ? nextHops[id] : null;
  }
}
