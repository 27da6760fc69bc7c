package io.outpost.controlplane.snmp;

import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.forwarding.DataplaneService;
import io.outpost.dataplane.runtime.Dataplane;
import io.outpost.dataplane.kernel.Address;
import io.outpost.dataplane.kernel.Link;
import io.outpost.dataplane.kernel.LinkStats;
import io.outpost.dataplane.kernel.RtNetlink;
import io.outpost.dataplane.pipeline.CounterTotals;
import io.outpost.snmp.source.AddressRow;
import io.outpost.snmp.source.InterfaceRow;
import io.outpost.snmp.source.InterfaceSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The interfaces as IF-MIB and IP-MIB see them: every link the kernel has, indexed by its
 * kernel ifindex, with the configured description as ifAlias. For an interface the data plane
 * forwards on, the counters are the data plane's (what it received on and sent out of the
 * port, as {@code show interfaces NAME} shows them); for any other, the kernel's.
 *
 * <p>The data plane does not count multicast and broadcast apart, so on its interfaces the
 * unicast counters hold every packet and the multicast and broadcast ones stay 0
 * (docs/snmp.md). The kernel counts received multicast only.
 */
public final class InterfaceRows implements InterfaceSource {
  /** How long a driver's reported speed is trusted before it is read again. */
  private static final long SPEED_MAX_AGE_NANOS = 60_000_000_000L;

  private final RtNetlink netlink;
  private final DataplaneService dataplane;
  private final Supplier<ConfigTree> running;
  private final LongSupplier uptime;
  private final Path sysClassNet;
  /** Per ifIndex, the last operStatus seen and the sysUpTime it was first seen at. */
  private final Map<Integer, long[]> lastChange = new HashMap<>();
  /** Per link name, its speed in bits per second and when it was read. */
  private final Map<String, long[]> speeds = new HashMap<>();

  /**
   * @param running the configuration in force (for descriptions)
   * @param uptime the agent's sysUpTime, for ifLastChange
   * @param sysClassNet where the kernel shows link speeds ({@code /sys/class/net})
   */
  public InterfaceRows(RtNetlink netlink, DataplaneService dataplane,
      Supplier<ConfigTree> running, LongSupplier uptime, Path sysClassNet) {
    this.netlink = netlink;
    this.dataplane = dataplane;
    this.running = running;
    this.uptime = uptime;
    this.sysClassNet = sysClassNet;
  }

  @Override
  public synchronized List<InterfaceRow> interfaces() {
    Dataplane d = dataplane.current().map(DataplaneService.Running::dataplane).orElse(null);
    CounterTotals c = dataplane.counters().orElse(null);
    Map<String, String> descriptions = descriptions();
    long now = System.nanoTime();
    List<InterfaceRow> rows = new ArrayList<>();
    for (Link l : netlink.links()) {
      int oper = operStatus(l);
      long[] change = lastChange.get(l.index());
      if (change == null || change[0] != oper) {
        change = new long[] {oper, change == null ? 0 : uptime.getAsLong()};
        lastChange.put(l.index(), change);
      }
      int id = d == null || c == null ? -1 : d.interfaceId(l.name());
      rows.add(new InterfaceRow(l.index(), l.name(), descriptions.getOrDefault(l.name(), ""),
          type(l), l.mtu(), speed(l.name(), now), mac(l), l.adminUp(), oper, change[1],
          id >= 0 ? dataplaneCounters(c, id, l.stats()) : kernelCounters(l.stats())));
    }
    return rows;
  }

  @Override
  public List<AddressRow> addresses() {
    List<AddressRow> out = new ArrayList<>();
    for (Address a : netlink.addresses()) {
      out.add(new AddressRow(a.ifindex(), a.address(), a.prefixLength()));
    }
    return out;
  }

  /** The configured descriptions by interface name. */
  private Map<String, String> descriptions() {
    ConfigTree tree = running.get();
    Map<String, String> out = new HashMap<>();
    if (tree != null) {
      for (ConfigView i : ConfigView.top(tree, "interfaces").list("interface")) {
        String description = i.string("description");
        if (description != null) {
          out.put(i.string("name"), description);
        }
      }
    }
    return out;
  }

  static int operStatus(Link l) {
    return switch (l.operState()) {
      case "up" -> 1;
      case "down" -> 2;
      case "testing" -> 3;
      case "dormant" -> 5;
      case "notpresent" -> 6;
      case "lowerlayerdown" -> 7;
      // drivers without carrier detection (loopback, dummy) say unknown and forward when up
      case "unknown" -> l.adminUp() ? 1 : 2;
      default -> 4;
    };
  }

  /** IANAifType: loopback, VLAN, tunnels; anything with a MAC address is Ethernet. */
  static int type(Link l) {
    if (l.name().equals("lo")) {
      return 24;
    }
    return switch (l.kind()) {
      case "vlan" -> 135;
      case "tun", "wireguard", "gre", "ipip", "sit", "vxlan" -> 131;
      default -> l.mac().isEmpty() ? 1 : 6;
    };
  }

  private static byte[] mac(Link l) {
    return l.mac().isEmpty() ? new byte[0] : HexFormat.ofDelimiter(":").parseHex(l.mac());
  }

  /**
   * The speed the driver reports in Mb/s, as bits per second; 0 when it reports none. Read
   * again after a minute: a thousand sysfs reads per walk would cost more than the walk.
   */
  private long speed(String name, long now) {
    long[] known = speeds.get(name);
    if (known != null && now - known[1] < SPEED_MAX_AGE_NANOS) {
      return known[0];
    }
    long bps;
    try {
      long mbps = Long.parseLong(Files.readString(sysClassNet.resolve(name).resolve("speed"))
          .trim());
      bps = mbps > 0 ? mbps * 1_000_000L : 0;
    } catch (IOException | NumberFormatException e) {
      bps = 0; // virtual links and links without carrier cannot say
    }
    speeds.put(name, new long[] {bps, now});
    return bps;
  }

  private static InterfaceRow.Counters kernelCounters(LinkStats s) {
    return new InterfaceRow.Counters(s.rxBytes(), s.rxPackets() - s.multicast(), s.multicast(),
        0, s.rxDropped(), s.rxErrors(), s.txBytes(), s.txPackets(), 0, 0, s.txDropped(),
        s.txErrors());
  }

  private static InterfaceRow.Counters dataplaneCounters(CounterTotals c, int id,
      LinkStats mirror) {
    return new InterfaceRow.Counters(at(c.rxBytes(), id), at(c.rxPackets(), id), 0, 0,
        at(c.rxDrops(), id), 0, at(c.txBytes(), id), at(c.txPackets(), id), 0, 0, 0,
        mirror.txErrors());
  }

  private static long at(long[] counters, int id) {
    return id < counters.length ? counters[id] : 0;
  }
}
