package io.outpost.controlplane.forwarding;

import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.routing.RoutingSubsystem;
import java.util.Optional;
import java.util.Set;

/**
 * Feeds the data plane: after interfaces and routing, it turns the candidate's interfaces and
 * selected routes into a {@link ForwardingPlan} in prepare and programs it at commit (only the
 * routes that differ are touched in the FIBs). Without a data plane it has nothing to do.
 */
public final class ForwardingSubsystem implements Subsystem {
  private final DataplaneService service;

  public ForwardingSubsystem(DataplaneService service) {
    this.service = service;
  }

  @Override
  public String name() {
    return "forwarding";
  }

  @Override
  public Set<String> reads() {
    return Set.of("interfaces", "routing", "dataplane");
  }

  @Override
  public Prepared prepare(ConfigTree running, ConfigTree candidate) {
    Optional<DataplaneConfig> config = DataplaneConfig.read(candidate);
    if (config.isEmpty() || service.current().isEmpty()) {
      return NOTHING;
    }
    ForwardingPlan plan = ForwardingPlan.of(candidate, RoutingSubsystem.ribOf(candidate),
        config.get());
    return new Prepared() {
      @Override
      public void commit() {
        service.program(plan);
      }

      @Override
      public void abort() {}
    };
  }
}
