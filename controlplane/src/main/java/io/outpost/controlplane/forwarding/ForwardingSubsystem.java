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
 * commits, {@link #learnedChanged} programs the prefixes that changed, and only those, through
 * the plan last committed. Without a data plane it has nothing to do but forget the changes.
 */
public final class ForwardingSubsystem implements Subsystem {
  private static final Log LOG = Log.get("forwarding");
  private final DataplaneService service;
  private final RoutingSubsystem routing;
  /** The plan last programmed, for {@link #learnedChanged}; guarded by this. */
  private ForwardingPlan programmed;

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
    ForwardingPlan plan = ForwardingPlan.of(candidate, routing.selectionWith(candidate),
        config.get());
    return new Prepared() {
      @Override
      public void commit() {
        synchronized (ForwardingSubsystem.this) {
          service.program(plan);
          programmed = plan;
        }
      }

      @Override
      public void abort() {}
    };
  }

  /**
   * Programs the learned prefixes that changed since the last call, through the plan last
   * committed (ForwardingPlan#updateInto). A data plane being restarted by a commit at this
   * moment is left alone: that commit programs it with every route as it stands.
   */
  public synchronized void learnedChanged() {
    ForwardingPlan plan = programmed;
    if (plan == null) {
      routing.learned().drainChanges((ipv6, hi, lo, length, path) -> {}); // nothing to program
      return;
    }
    try {
      if (service.update(plan, routing.learned())) {
        service.program(plan);
      }
    } catch (IllegalStateException e) {
      notProgrammed(e);
    }
  }

  private static void notProgrammed(IllegalStateException e) {
    LOG.info("learned routes not programmed: the data plane is changing", "reason",
        e.getMessage());
  }
}
