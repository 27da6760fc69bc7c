package io.outpost.controlplane.forwarding;

import io.outpost.controlplane.apply.ApplyException;
import io.outpost.controlplane.log.Log;
import io.outpost.controlplane.routing.LearnedRoutes;
import io.outpost.dataplane.pipeline.CounterTotals;
import io.outpost.dataplane.port.PortException;
import io.outpost.dataplane.runtime.Dataplane;
import io.outpost.dataplane.pipeline.TraceRecord;
import io.outpost.dataplane.pipeline.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns the running data plane, if any: starts and stops instances as the configuration's ports
 * and workers change, and programs the current one. It remembers the last programming so that
 * an instance restarted on abort forwards exactly as before.
 *
 * <p>Configuration calls come from the commit thread only (prepare, commit and abort are
 * serialized by the datastore); readers such as the CLI see a consistent instance through
 * {@link #current()}, and {@link #trace} lets one CLI session at a time trace packets.
 */
public final class DataplaneService implements AutoCloseable {
  private static final Log LOG = Log.get("dataplane");

  private final DataplaneLauncher launcher;
  private volatile Running running;
  private volatile CounterTotals baseline;
  private ForwardingPlan lastPlan;
  private final ReentrantLock tracing = new ReentrantLock();
  private final Map<String, Integer> tapUsers = new HashMap<>();

  /** Gives back what a call took, once. */
  public interface Release extends AutoCloseable {
    @Override
    void close();
  }

  /** An instance and the configuration it was started for. */
  public record Running(Dataplane dataplane, DataplaneConfig config) {}

  public DataplaneService(DataplaneLauncher launcher) {
    this.launcher = launcher;
  }

  public Optional<Running> current() {
    return Optional.ofNullable(running);
  }

  /**
   * Stops the current instance (if any) and starts one for {@code next} (if not null). When the
   * new one cannot start, the previous configuration is started again and the failure thrown.
   */
  synchronized void switchTo(DataplaneConfig previous, DataplaneConfig next) throws ApplyException {
    stop();
    if (next == null) {
      return;
    }
    try {
      start(next);
    } catch (PortException | RuntimeException e) {
      if (previous != null) {
        restore(previous);
      }
      throw new ApplyException(next.path(), "cannot start the data plane: " + e.getMessage(), e);
    }
  }

  /** What {@link #switchTo} would refuse that can be known without acting, for a check. */
  void check(DataplaneConfig next) throws ApplyException {
    try {
      launcher.check(next);
    } catch (PortException e) {
      throw new ApplyException(next.path(), "cannot start the data plane: " + e.getMessage(), e);
    }
  }

  /** Goes back to {@code previous} after an aborted change; failures are logged, not thrown. */
  synchronized void restore(DataplaneConfig previous) {
    stop();
    if (previous == null) {
      return;
    }
    try {
      start(previous);
    } catch (PortException | RuntimeException e) {
      LOG.error("cannot restart the data plane of the running configuration", "error",
          e.getMessage());
    }
  }

  private void start(DataplaneConfig config) throws PortException {
    Dataplane d = launcher.start(config);
    try {
      d.subinterfaces(config.subinterfaces());
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
    baseline = null;
    running = new Running(d, config);
    LOG.info("data plane started", "ports", String.join(",", config.ports()), "workers",
        config.workers());
    if (lastPlan != null && lastPlan.ports().equals(config.ports())) {
      lastPlan.programInto(d);
    }
  }

  /**
   * Gives the running instance the VLAN sub-interfaces of {@code config} (same ports and
   * workers as it runs with): their mirrors come and go, nothing else restarts.
   */
  synchronized void subinterfaces(DataplaneConfig config) throws ApplyException {
    Running r = running;
    try {
      r.dataplane().subinterfaces(config.subinterfaces());
    } catch (RuntimeException e) {
      throw new ApplyException(config.path(), "cannot create the VLAN sub-interfaces' mirrors: "
          + e.getMessage(), e);
    }
    running = new Running(r.dataplane(), config);
  }

  private void stop() {
    Running r = running;
    if (r != null) {
      running = null;
      r.dataplane().close();
      LOG.info("data plane stopped", "ports", String.join(",", r.config().ports()));
    }
  }

  /** Programs the running instance (which must be the one {@code plan} was made for). */
  synchronized void program(ForwardingPlan plan) {
    Running r = running;
    if (r == null || !plan.ports().equals(r.config().ports())) {
      throw new IllegalStateException("the plan is for ports " + plan.ports()
          + ", the data plane runs " + (r == null ? "nothing" : r.config().ports()));
    }
    plan.programInto(r.dataplane());
    lastPlan = plan;
  }

  /**
   * Programs the learned changes since the last call through {@code plan}, which must be the
   * one programmed last; the data plane cannot change meanwhile.
   *
   * @return whether every route is to be programmed again instead (see
   *     {@link LearnedRoutes#drainChanges}); the changes were not programmed then
   * @throws IllegalStateException if the data plane runs another plan or none (the changes
   *     are left for the next call)
   */
  synchronized boolean update(ForwardingPlan plan, LearnedRoutes learned) {
    Running r = running;
    if (r == null || plan != lastPlan) {
      throw new IllegalStateException("the data plane was not programmed with this plan");
    }
    return plan.updateInto(r.dataplane(), learned);
  }

  /**
   * Makes what the data plane transmits on {@code port} visible to packet taps until the
   * returned handle is closed, for a capture (several captures of one port may overlap). A
   * port that is not the running data plane's gets a handle that does nothing.
   */
  public synchronized Release transmitVisibleToTaps(String port) {
    Running r = running;
    int index = r == null ? -1 : r.config().ports().indexOf(port);
    if (index < 0) {
      return () -> {};
    }
    Dataplane d = r.dataplane();
    if (tapUsers.merge(port, 1, Integer::sum) == 1) {
      d.transmitVisibleToTaps(index, true);
    }
    return () -> {
      synchronized (this) {
        if (tapUsers.merge(port, -1, Integer::sum) == 0) {
          tapUsers.remove(port);
          d.transmitVisibleToTaps(index, false);
        }
      }
    };
  }

  /**
   * Traces the next {@code count} packets received on {@code port} (-1: any port) across all
   * workers, waiting at most {@code limit}; returns them in arrival order. One trace at a time.
   *
   * @throws IllegalStateException if the data plane is not running or another trace is
   */
  public List<TraceRecord> trace(int count, int port, Duration limit) throws InterruptedException {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException("the data plane is not running");
    }
    if (!tracing.tryLock()) {
      throw new IllegalStateException("another trace is running; try again when it ends");
    }
    try {
      List<Worker> workers = r.dataplane().workers();
      int[] armed = new int[workers.size()];
      for (int w = 0; w < armed.length; w++) {
        armed[w] = workers.get(w).trace().arm(count, port);
      }
      long deadline = System.nanoTime() + limit.toNanos();
      List<TraceRecord> all = new ArrayList<>();
      try {
        while (true) {
          all.clear();
          for (int w = 0; w < armed.length; w++) {
            all.addAll(workers.get(w).trace().records(armed[w]));
          }
          if (all.size() >= count || System.nanoTime() - deadline >= 0) {
            break;
          }
          Thread.sleep(20);
        }
      } finally {
        workers.forEach(w -> w.trace().disarm());
      }
      all.sort(Comparator.comparingLong(TraceRecord::nanoTime));
      return all.size() > count ? List.copyOf(all.subList(0, count)) : all;
    } finally {
      tracing.unlock();
    }
  }

  /** The counters since the instance started or since {@link #clearCounters}; empty if none. */
  public Optional<CounterTotals> counters() {
    Running r = running;
    if (r == null) {
      return Optional.empty();
    }
    CounterTotals now = totals(r);
    CounterTotals base = baseline;
    return Optional.of(base == null ? now : now.since(base));
  }

  /** Counts from zero again from now on, for {@code clear dataplane counters}. */
  public void clearCounters() {
    Running r = running;
    if (r != null) {
      baseline = totals(r);
    }
  }

  private static CounterTotals totals(Running r) {
    return r.dataplane().counters();
  }

  @Override
  public void close() {
    stop();
  }
}
