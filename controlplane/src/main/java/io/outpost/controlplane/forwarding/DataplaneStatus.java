package io.outpost.controlplane.forwarding;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.outpost.dataplane.kernel.LinkStats;
import io.outpost.dataplane.neighbor.Neighbor;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.neighbor.NeighborState;
import io.outpost.dataplane.pipeline.CounterTotals;
import io.outpost.dataplane.pipeline.DropReason;
import io.outpost.dataplane.pipeline.Stage;
import io.outpost.dataplane.pipeline.Worker;
import io.outpost.dataplane.pipeline.WorkerCounters;
import io.outpost.dataplane.runtime.Dataplane;
import io.outpost.dataplane.runtime.Subinterface;
import io.outpost.dataplane.tap.PortTakeover;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Renders the data plane's state for {@code show dataplane} and {@code show neighbors}. */
public final class DataplaneStatus {
  private static final String NOT_RUNNING = "The data plane is not running: configure"
      + " 'dataplane port <interface>' to forward with it.\n";

  private DataplaneStatus() {}

  public static String render(DataplaneService service) {
    var current = service.current();
    var totals = service.counters();
    if (current.isEmpty() || totals.isEmpty()) {
      return NOT_RUNNING;
    }
    Dataplane d = current.get().dataplane();
    DataplaneConfig config = current.get().config();
    CounterTotals c = totals.get();
    StringBuilder out = new StringBuilder();
    out.append("Data plane: ").append(config.workers()).append(config.workers() == 1 ? " worker"
        : " workers").append(", AF_PACKET rings (TPACKET_V2), rx-mode ")
        .append(config.polling() ? "polling" : "interrupt").append('\n');
    workers(d, out);
    out.append('\n');
    out.append("%-15s %-22s %-17s %12s %12s %10s %10s%n".formatted("Interface", "On",
        "MAC", "Rx packets", "Tx packets", "Punted", "Rx drops"));
    List<PortTakeover.Taken> ports = d.ports();
    List<String> names = d.interfaceNames();
    for (int id = 0; id < names.size(); id++) {
      if (names.get(id) == null) {
        continue;
      }
      Subinterface sub = id < ports.size() ? null : subinterface(config, names.get(id));
      if (id >= ports.size() && sub == null) {
        continue; // a commit is changing the sub-interfaces right now
      }
      PortTakeover.Taken p = ports.get(sub == null ? id : sub.port());
      String on = sub == null ? p.physical() : p.physical() + " VLAN " + sub.vlan();
      out.append("%-15s %-22s %-17s %12d %12d %10d %10d%n".formatted(names.get(id), on,
          Ethernet.format(p.mac()), at(c.rxPackets(), id), at(c.txPackets(), id),
          at(c.punted(), id), at(c.rxDrops(), id)));
    }
    var tables = d.tables();
    out.append("\nFIB: ").append(tables.fib4().size()).append(" IPv4 and ")
        .append(tables.fib6().size()).append(" IPv6 routes (")
        .append((tables.fib4().memoryBytes() + tables.fib6().memoryBytes()) / 1024)
        .append(" KiB); ").append(d.routes().nextHops().size() - 1).append(" next-hop ids; ")
        .append(tables.neighbors().entries().size()).append(" neighbors\n");
    out.append("ICMP errors sent ").append(c.icmpErrorsSent()).append(", rate-limited ")
        .append(c.icmpErrorsRateLimited()).append("; neighbor requests sent ")
        .append(c.neighborRequestsSent()).append(", packets queued for resolution ")
        .append(c.neighborQueued()).append("; IPv4 packets fragmented ")
        .append(c.ipv4Fragmented()).append('\n');
    out.append("\nDrops: ").append(c.totalDrops()).append('\n');
    for (DropReason r : DropReason.values()) {
      long n = c.drops()[r.ordinal()];
      if (n > 0) {
        out.append("  %-28s %12d%n".formatted(r.label(), n));
      }
    }
    return out.toString();
  }

  private static final String[] BURST_BUCKETS = {"1", "2-3", "4-7", "8-15", "16-31", "32-63",
      "64-127", "128-255", "256"};

  /**
   * Per worker since it started: bursts received, frames per burst on average and by size, and
   * how often it found nothing to do (its load: the fewer idle polls, the busier).
   */
  private static void workers(Dataplane d, StringBuilder out) {
    for (Worker w : d.workers()) {
      WorkerCounters c = w.counters();
      long frames = c.stageFrames[Stage.ETHERNET_INPUT.ordinal()];
      out.append("  worker %d: %d bursts, %.1f frames per burst, %d idle polls; burst sizes"
          .formatted(w.index(), c.bursts, c.bursts == 0 ? 0.0 : (double) frames / c.bursts,
              c.idlePolls));
      for (int b = 0; b < BURST_BUCKETS.length; b++) {
        if (c.burstSizes[b] > 0) {
          out.append(' ').append(BURST_BUCKETS[b]).append(':').append(c.burstSizes[b]);
        }
      }
      out.append('\n');
    }
  }

  /**
   * The data plane's view of interface {@code name} for {@code show interfaces NAME}: what it
   * forwarded in and out, punted, and dropped by reason, and the port device's own error
   * counters; empty when the interface is not the data plane's.
   *
   * @param device the port device's kernel counters ({@code phy-eth1}), if known
   */
  public static String interfaceDetail(DataplaneService service, String name,
      LinkStats device) {
    var current = service.current();
    var totals = service.counters();
    if (current.isEmpty() || totals.isEmpty()) {
      return "";
    }
    Dataplane d = current.get().dataplane();
    int id = d.interfaceId(name);
    if (id < 0) {
      return "";
    }
    CounterTotals c = totals.get();
    Subinterface sub = id < d.ports().size() ? null : subinterface(current.get().config(), name);
    PortTakeover.Taken port = d.ports().get(sub == null ? id : sub.port());
    StringBuilder out = new StringBuilder("  Data plane: ");
    out.append(sub == null ? "port on " + port.physical()
        : "VLAN " + sub.vlan() + " on " + port.physical()).append(" (the counters above are its"
        + " kernel mirror's: traffic of the appliance itself)\n");
    out.append("  Forwarded input:  %d packets, %d bytes, %d dropped%n".formatted(
        at(c.rxPackets(), id), at(c.rxBytes(), id), at(c.rxDrops(), id)));
    out.append("  Forwarded output: %d packets, %d bytes%n".formatted(at(c.txPackets(), id),
        at(c.txBytes(), id)));
    out.append("  Punted to the kernel: %d packets%n".formatted(at(c.punted(), id)));
    for (DropReason r : DropReason.values()) {
      long n = c.interfaceDrops(id, r);
      if (n > 0) {
        out.append("    dropped, %-26s %12d%n".formatted(r.label() + ":", n));
      }
    }
    if (device != null && sub == null) {
      out.append("  Device %s: %d receive errors, %d receive drops, %d transmit errors%n"
          .formatted(port.physical(), device.rxErrors(), device.rxDropped(), device.txErrors()));
    }
    return out.toString();
  }

  private static Subinterface subinterface(DataplaneConfig config, String name) {
    return config.subinterfaces().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElse(null);
  }

  private static long at(long[] counters, int id) {
    return id < counters.length ? counters[id] : 0;
  }

  public static String neighbors(DataplaneService service) {
    var current = service.current();
    if (current.isEmpty()) {
      return NOT_RUNNING;
    }
    Dataplane d = current.get().dataplane();
    List<String> names = d.interfaceNames();
    long now = System.nanoTime();
    StringBuilder out = new StringBuilder("%-40s %-17s %-15s %-11s %s%n".formatted("Address",
        "MAC", "Interface", "State", "Age"));
    List<Neighbor> entries = d.tables().neighbors().entries().stream()
        .sorted(Comparator.comparingInt(Neighbor::family).thenComparing(DataplaneStatus::address))
        .toList();
    for (Neighbor n : entries) {
      boolean known = n.usable() || n.state() == NeighborState.PROBE;
      String iface = n.interfaceId() < names.size() && names.get(n.interfaceId()) != null
          ? names.get(n.interfaceId()) : "#" + n.interfaceId();
      out.append("%-40s %-17s %-15s %-11s %ds%n".formatted(address(n), known ? Ethernet.format(n.mac()) : "-",
          iface, n.state().name().toLowerCase(Locale.ROOT),
          Math.max(0, (now - n.changedAt()) / 1_000_000_000L)));
    }
    return out.toString();
  }

  private static String address(Neighbor n) {
    if (n.family() == 4) {
      return new IPv4Address(n.ipv4()).toCanonicalString();
    }
    byte[] b = ByteBuffer.allocate(16).putLong(n.ipv6Hi()).putLong(n.ipv6Lo()).array();
    return new IPv6Address(b).toCanonicalString();
  }
}
