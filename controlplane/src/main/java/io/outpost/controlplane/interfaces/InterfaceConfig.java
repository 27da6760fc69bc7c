package io.outpost.controlplane.interfaces;

import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.config.DataPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed form of one {@code /outpost-interfaces:interfaces/interface} entry; no description
 * is "", and {@code vlan} is null unless the interface is a VLAN sub-interface.
 */
public record InterfaceConfig(String name, String description, boolean enabled, int mtu,
    List<InterfaceAddress> addresses, Vlan vlan, DataPath path) {

  /** The 802.1Q sub-interface settings: the parent interface and the VLAN id. */
  public record Vlan(String parent, int id, DataPath path) {}

  public InterfaceConfig {
    addresses = List.copyOf(addresses);
  }

  /** Every configured interface by name, in configuration order. */
  public static Map<String, InterfaceConfig> all(ConfigTree tree) {
    Map<String, InterfaceConfig> out = new LinkedHashMap<>();
    for (ConfigView i : ConfigView.top(tree, "interfaces").list("interface")) {
      List<InterfaceAddress> addresses = new ArrayList<>();
      for (String family : List.of("ipv4", "ipv6")) {
        for (ConfigView a : i.container(family).list("address")) {
          addresses.add(InterfaceAddress.parse(a.string("ip")));
        }
      }
      String name = i.string("name");
      String description = i.string("description");
      ConfigView v = i.container("vlan");
      Vlan vlan = v.isPresent()
          ? new Vlan(v.string("parent"), (int) v.number("id"), v.path()) : null;
      out.put(name, new InterfaceConfig(name, description == null ? "" : description,
          i.flag("enabled"), (int) i.number("mtu"), addresses, vlan, i.path()));
    }
    return out;
  }
}
