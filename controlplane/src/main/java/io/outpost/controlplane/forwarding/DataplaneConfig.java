package io.outpost.controlplane.forwarding;

import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.config.ConfigView;
import io.outpost.controlplane.config.DataPath;
import java.util.List;
import java.util.Optional;

/**
 * The typed form of {@code /outpost-dataplane:dataplane}: the ports in order (a port's index is
 * its position here), the worker count and the ICMP error rate. Absent: the kernel forwards
 * nothing and Outpost's data plane does not run.
 */
public record DataplaneConfig(List<String> ports, int workers, int icmpErrorRate, DataPath path) {
  public DataplaneConfig {
    ports = List.copyOf(ports);
  }

  public static Optional<DataplaneConfig> read(ConfigTree tree) {
    ConfigView d = ConfigView.top(tree, "dataplane");
    if (!d.isPresent()) {
      return Optional.empty();
    }
    List<String> ports = d.leafList("port").stream().map(String::valueOf).toList();
    return Optional.of(new DataplaneConfig(ports, (int) d.number("workers"),
        (int) d.number("icmp-error-rate"), d.path()));
  }

  /** Whether running {@code other} needs a different data-plane instance than this. */
  boolean sameInstance(DataplaneConfig other) {
    return ports.equals(other.ports) && workers == other.workers
        && icmpErrorRate == other.icmpErrorRate;
  }
}
