package io.outpost.controlplane.forwarding;

import io.outpost.controlplane.apply.Subsystem;
import io.outpost.controlplane.config.ConfigTree;
import io.outpost.controlplane.log.Log;
import io.outpost.controlplane.routing.RoutingSubsystem;
import java.util.Optional;
import java.util.Set;

/**
 * Feeds the data plane: after interfaces and routing, it turns the candidate's interfaces and
 * selected routes into a {@link ForwardingPlan} in prepare and programs it at commit (only the
 * routes that differ are touched in the FIBs). When routes learned at run time change between
 * commits, {@link #reprogram} does the same for the configuration last committed. Without a
 * data plane it has nothing to do.
 */
public final class ForwardingSubsystem implements Subsystem {
  private static final Log LOG = Log.get("forwarding");

  private final DataplaneService service;
  private final RoutingSubsystem routing;
  /** The configuration last programmed, for {@link #reprogram}; guarded by this. */
  private ConfigTree programmed;

  public ForwardingSubsystem(DataplaneService service, RoutingSubsystem routing) {
    this.service = service;
    this.routing = routing;
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
      return new Prepared() {
        @Override
        public void commit() {
          synchronized (ForwardingSubsystem.this) {
            programmed = null;
          }
        }

        @Override
        public void abort() {}
      };
    }
    ForwardingPlan plan = ForwardingPlan.of(candidate, routing.ribWith(candidate), config.get());
    return new Prepared() {
      @Override
      public void commit() {
        synchronized (ForwardingSubsystem.this) {
          service.program(plan);
          programmed = candidate;
        }
      }

      @Override
      public void abort() {}
    };
  }

  /**
   * Programs the data plane again from the configuration last committed and the RIB as it is
   * now, after learned routes changed. A data plane being restarted by a commit at this moment
   * is left alone: that commit programs it.
   */
  public synchronized void reprogram() {
    ConfigTree config = programmed;
    if (config == null) {
      return;
    }
    Optional<DataplaneConfig> dataplane = DataplaneConfig.read(config);
    if (dataplane.isEmpty()) {
      return;
    }
    try {
      service.program(ForwardingPlan.of(config, routing.rib(), dataplane.get()));
    } catch (IllegalStateException e) {
      LOG.info("learned routes not programmed: the data plane is changing", "reason",
          e.getMessage());
    }
  }
}
