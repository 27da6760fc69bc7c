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
  /**
   * How many learned changes are programmed at once (one burst, one publish of the FIBs' dirty
   * parts): a full table arrives as batches of a few hundred thousand.
   */
  static final int UPDATE_CHUNK = 16_384;

  private final DataplaneService service;
  private final RoutingSubsystem routing;
  /** The plan last programmed, for {@link #learnedChanged}; guarded by this. */
  private ForwardingPlan programmed;
  /** One chunk of learned changes at a time, kept; guarded by this. */
  private final ForwardingPlan.LearnedChanges chunk =
      new ForwardingPlan.LearnedChanges(UPDATE_CHUNK);

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
   * committed, {@link #UPDATE_CHUNK} changes at a time. A data plane being restarted by a commit
   * at this moment is left alone: that commit programs it with every route as it stands.
   */
  public synchronized void learnedChanged() {
    ForwardingPlan plan = programmed;
    if (plan == null) {
      routing.learned().drainChanges((ipv6, hi, lo, length, path) -> {}); // nothing to program
      return;
    }
    boolean[] failed = {false};
    boolean all = routing.learned().drainChanges((ipv6, hi, lo, length, path) -> {
      if (!chunk.add(ipv6, hi, lo, length, path)) {
        if (failed[0]) {
          chunk.clear(); // the data plane is changing: a commit programs every route
        } else {
          failed[0] = !update(plan);
        }
      }
    });
    if (all) {
      chunk.clear();
      try {
        service.program(plan);
      } catch (IllegalStateException e) {
        notProgrammed(e);
      }
    } else if (chunk.size > 0 && !failed[0]) {
      update(plan);
    }
    chunk.clear();
  }

  /** Programs some changes; false when the data plane is changing (a commit programs it). */
  private boolean update(ForwardingPlan plan) {
    try {
      service.update(plan, chunk);
      return true;
    } catch (IllegalStateException e) {
      notProgrammed(e);
      return false;
    } finally {
      chunk.clear();
    }
  }

  private static void notProgrammed(IllegalStateException e) {
    LOG.info("learned routes not programmed: the data plane is changing", "reason",
        e.getMessage());
  }
}
