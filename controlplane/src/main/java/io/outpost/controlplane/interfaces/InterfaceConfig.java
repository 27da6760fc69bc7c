package io.outpost.controlplane.interfaces;

import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.config.DataPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The typed form of one {@code /outpost-interfaces:interfaces/interface} entry; no description is "". */
public record InterfaceConfig(String name, String description, boolean enabled, int mtu,
    List<InterfaceAddress> addresses, DataPath path) {

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
      out.put(name, new InterfaceConfig(name, description == null ? "" : description, i.flag("enabled"),
          (int) i.number("mtu"), addresses, i.path()));
    }
    return out;
  }
}
