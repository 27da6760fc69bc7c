package io.outpost.controlplane.interfaces;

import io.outpost.dataplane.kernel.Address;
import io.outpost.dataplane.kernel.Link;
import io.outpost.dataplane.kernel.LinkStats;
import io.outpost.dataplane.kernel.RtNetlink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the interfaces for {@code show interfaces}: every configured interface (present
 * or not) and every other interface the kernel has, with state, addresses and counters.
 */
public record InterfaceStatus(List<Row> rows) {
  /** One interface. {@code link} is null for a configured interface that is not present. */
  public record Row(String name, InterfaceConfig config, Link link, List<String> addresses) {
    public boolean present() {
      return link != null;
    }
  }

  static InterfaceStatus read(RtNetlink netlink, Map<String, InterfaceConfig> configured) {
    List<Link> links = netlink.links();
    List<Address> addresses = netlink.addresses();
    List<Row> rows = new ArrayList<>();
    for (Link l : links) {
      List<String> addr = addresses.stream().filter(a -> a.ifindex() == l.index())
          .map(a -> new InterfaceAddress(a.address(), a.prefixLength()).toString()).toList();
      rows.add(new Row(l.name(), configured.get(l.name()), l, addr));
    }
    for (InterfaceConfig c : configured.values()) {
      if (links.stream().noneMatch(l -> l.name().equals(c.name()))) {
        rows.add(new Row(c.name(), c, null, List.of()));
      }
    }
    rows.sort(Comparator.comparing(Row::name, io.outpost.controlplane.config.ListKey::compareValues));
    return new InterfaceStatus(rows);
  }

  /** The Junos-like terse table. */
  public String terse() {
    StringBuilder out = new StringBuilder();
    out.append("%-16s %-6s %-15s %-6s %s%n".formatted("Interface", "Admin", "Link", "MTU", "Addresses"));
    for (Row r : rows) {
      String admin = r.present() ? (r.link.adminUp() ? "up" : "down") : "-";
      String oper = r.present() ? r.link.operState() : "absent";
      String mtu = r.present() ? Integer.toString(r.link.mtu()) : "-";
      List<String> addr = r.addresses.isEmpty() ? List.of("") : r.addresses;
      out.append("%-16s %-6s %-15s %-6s %s%n".formatted(r.name, admin, oper, mtu, addr.getFirst()));
      for (String a : addr.subList(1, addr.size())) {
        out.append("%-16s %-6s %-15s %-6s %s%n".formatted("", "", "", "", a));
      }
    }
    return out.toString();
  }

  /** The detail view of one interface. */
  public String detail(String name) {
    Row r = rows.stream().filter(x -> x.name.equals(name)).findFirst().orElse(null);
    if (r == null) {
      return "error: interface " + name + " is neither present nor configured\n";
    }
    StringBuilder out = new StringBuilder();
    out.append("Interface: ").append(r.name).append(r.config == null ? " (not configured)" : "").append('\n');
    if (r.config != null && !r.config.description().isEmpty()) {
      out.append("  Description: ").append(r.config.description()).append('\n');
    }
    if (!r.present()) {
      out.append("  State: absent (configured, but the kernel has no such device)\n");
      return out.toString();
    }
    Link l = r.link;
    out.append("  Admin state: ").append(l.adminUp() ? "up" : "down").append(", link: ").append(l.operState())
        .append('\n');
    out.append("  Kind: ").append(l.kind().isEmpty() ? "physical" : l.kind()).append(", MAC: ").append(l.mac())
        .append(", MTU: ").append(l.mtu()).append('\n');
    for (String a : r.addresses) {
      out.append("  Address: ").append(a).append('\n');
    }
    LinkStats s = l.stats();
    out.append("  Input:  %d packets, %d bytes, %d errors, %d dropped, %d multicast%n".formatted(
        s.rxPackets(), s.rxBytes(), s.rxErrors(), s.rxDropped(), s.multicast()));
    out.append("  Output: %d packets, %d bytes, %d errors, %d dropped%n".formatted(
        s.txPackets(), s.txBytes(), s.txErrors(), s.txDropped()));
    return out.toString();
  }
}
