package io.outpost.controlplane.forwarding;

import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.config.DataPath;
import io.outpost.controlplane.interfaces.InterfaceConfig;
import io.outpost.dataplane.runtime.Subinterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The typed form of {@code /outpost-dataplane:dataplane}: the ports in order (a port's index is
 * its position here), the worker count, the ICMP error rate and whether idle workers sleep or
 * poll ({@code polling}), plus the VLAN sub-interfaces
 * configured on those ports (from {@code interfaces}). Absent: the kernel forwards nothing and
 * Outpost's data plane does not run.
 */
public record DataplaneConfig(List<String> ports, int workers, int icmpErrorRate,
    boolean polling, List<Subinterface> subinterfaces, DataPath path) {
  public DataplaneConfig {
    ports = List.copyOf(ports);
    subinterfaces = List.copyOf(subinterfaces);
  }

  public static Optional<DataplaneConfig> read(ConfigTree tree) {
    ConfigView d = ConfigView.top(tree, "dataplane");
    if (!d.isPresent()) {
      return Optional.empty();
    }
    List<String> ports = d.leafList("port").stream().map(String::valueOf).toList();
    List<Subinterface> vlans = new ArrayList<>();
    for (InterfaceConfig i : InterfaceConfig.all(tree).values()) {
      if (i.vlan() != null && ports.contains(i.vlan().parent())) {
        vlans.add(new Subinterface(i.name(), ports.indexOf(i.vlan().parent()), i.vlan().id()));
      }
    }
    return Optional.of(new DataplaneConfig(ports, (int) d.number("workers"),
        (int) d.number("icmp-error-rate"), "polling".equals(d.string("rx-mode")), vlans,
        d.path()));
  }

  /** Whether running {@code other} needs a different data-plane instance than this. */
  boolean sameInstance(DataplaneConfig other) {
    return ports.equals(other.ports) && workers == other.workers
        && icmpErrorRate == other.icmpErrorRate && polling == other.polling;
  }
}
