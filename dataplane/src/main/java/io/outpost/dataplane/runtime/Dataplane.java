package io.outpost.dataplane.runtime;

import io.outpost.dataplane.neighbor.NeighborTimers;
import io.outpost.dataplane.pipeline.CounterTotals;
import io.outpost.dataplane.pipeline.DataplaneTables;
import io.outpost.dataplane.pipeline.IdleStrategy;
import io.outpost.dataplane.pipeline.Worker;
import io.outpost.dataplane.port.PortDriver;
import io.outpost.dataplane.port.PortException;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import io.outpost.dataplane.tap.KernelMirror;
import io.outpost.dataplane.tap.KernelMirrors;
import io.outpost.dataplane.tap.PortTakeover;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A running data plane: its ports (taken over from the kernel, each with a TAP mirror), one
 * queue per worker on each, the worker threads, and the shared tables the control plane
 * publishes into.
 *
 * <p>The set of ports and the number of workers are fixed for the life of an instance; the
 * control plane starts a new one when they change. Everything else (VLAN sub-interfaces,
 * addresses, MTUs, next hops, routes) changes live through {@link #subinterfaces},
 * {@link #publish} and the FIBs.
 *
 * <p>Interface ids: port {@code i} is interface {@code i}; VLAN sub-interfaces take the ids
 * after the ports and keep theirs for as long as they exist, so their counters and neighbors
 * stay theirs while others come and go (a freed id goes to the next new sub-interface).
 */
public final class Dataplane implements AutoCloseable {
  private static final long RETIRE_PAUSE_MS = 50;
  private final List<PortTakeover.Taken> ports;
  private final PortTakeover takeover;
  private final PortQueue[][] queues;
  private final DataplaneTables tables;
  private final KernelMirrors mirrors = new KernelMirrors();
  private final List<Worker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<IdleStrategy> idles = new ArrayList<>();
  private final RouteProgrammer routes;
  /** Interface names by id: the ports, then sub-interfaces (null where an id is free). */
  private final List<String> interfaceNames = new ArrayList<>();
  private final Map<String, KernelMirror> vlanMirrors = new HashMap<>();
  private final Map<String, Integer> vlanPorts = new HashMap<>();
  /** Counters of each reused interface id at the moment it was given to its new interface. */
  private final Map<Integer, CounterTotals> reusedAt = new HashMap<>();

  private Dataplane(List<PortTakeover.Taken> ports, PortTakeover takeover, PortQueue[][] queues,
      NeighborTimers timers) {
    this.ports = ports;
    this.takeover = takeover;
    this.queues = queues;
    this.tables = new DataplaneTables(ports.size(), timers);
    this.routes = new RouteProgrammer(ports.size(), tables, this::publish, System::nanoTime);
    ports.forEach(p -> interfaceNames.add(p.port()));
  }

  /**
   * Takes over {@code portNames}, opens {@code workerCount} queues on each with {@code driver},
   * and starts the workers. On failure, whatever was taken is given back.
   *
   * @param idle makes each worker's idle strategy (given that worker's queues)
   */
  public static Dataplane start(List<String> portNames, PortDriver driver, int workerCount,
      PortTakeover takeover, Function<PortQueue[], IdleStrategy> idle,
      int icmpErrorsPerSecond) throws PortException {
    List<PortTakeover.Taken> taken = new ArrayList<>();
    PortQueue[][] queues = new PortQueue[workerCount][portNames.size()];
    try {
      for (String name : portNames) {
        taken.add(takeover.take(name));
      }
      for (int w = 0; w < workerCount; w++) {
        for (int p = 0; p < taken.size(); p++) {
          queues[w][p] = driver.open(taken.get(p).physical(), w, workerCount);
        }
      }
    } catch (PortException | RuntimeException e) {
      for (PortQueue[] row : queues) {
        for (PortQueue q : row) {
          if (q != null) {
            q.close();
          }
        }
      }
      taken.forEach(takeover::release);
      throw e;
    }
    Dataplane d = new Dataplane(taken, takeover, queues, NeighborTimers.DEFAULTS);
    for (int w = 0; w < workerCount; w++) {
      IdleStrategy strategy = idle.apply(queues[w]);
      d.idles.add(strategy);
      Worker worker = new Worker(w, queues[w], d.tables, d.mirrors, System::nanoTime, strategy,
          icmpErrorsPerSecond);
      d.workers.add(worker);
      Thread t = Thread.ofPlatform().name("dataplane-worker-" + w).daemon().unstarted(worker);
      d.threads.add(t);
    }
    d.threads.forEach(Thread::start);
    return d;
  }

  /** The ports in index order: name, physical device, MAC. */
  public List<PortTakeover.Taken> ports() {
    return ports;
  }

  public DataplaneTables tables() {
    return tables;
  }

  public List<Worker> workers() {
    return workers;
  }

  /** Programs interfaces and routes; the control plane's one way to change what is forwarded. */
  public RouteProgrammer routes() {
    return routes;
  }

  /**
   * Makes the VLAN sub-interfaces exactly {@code wanted}: a TAP mirror (with the port's MAC)
   * and an interface id for each new one, mirror and id given up for each one no longer wanted
   * (or moved to another port). If a mirror cannot be created, the new ones created so far are
   * closed and the exception thrown; the caller puts the previous set back the same way.
   * Forwarding on a sub-interface starts when a snapshot that has it is published.
   */
  public synchronized void subinterfaces(List<Subinterface> wanted) {
    Map<String, Subinterface> byName = new HashMap<>();
    for (Subinterface s : wanted) {
      if (s.port() < 0 || s.port() >= ports.size() || byName.put(s.name(), s) != null
          || interfaceNames.subList(0, ports.size()).contains(s.name())) {
        throw new IllegalArgumentException("bad or repeated sub-interface " + s);
      }
    }
    List<KernelMirror> removed = new ArrayList<>();
    for (int id = ports.size(); id < interfaceNames.size(); id++) {
      String name = interfaceNames.get(id);
      Subinterface s = name == null ? null : byName.get(name);
      if (name != null && (s == null || s.port() != vlanPorts.get(name))) {
        removed.add(vlanMirrors.remove(name));
        vlanPorts.remove(name);
        interfaceNames.set(id, null);
      }
    }
    if (!removed.isEmpty()) {
      retire(removed);
    }
    List<Subinterface> added = new ArrayList<>();
    try {
      for (Subinterface s : wanted) {
        if (!vlanMirrors.containsKey(s.name())) {
          vlanMirrors.put(s.name(), takeover.mirror(s.name(), ports.get(s.port()).mac(), 1500));
          vlanPorts.put(s.name(), s.port());
          added.add(s);
        }
      }
    } catch (RuntimeException e) {
      for (Subinterface s : added) {
        vlanMirrors.remove(s.name()).close();
        vlanPorts.remove(s.name());
      }
      throw e;
    }
    for (Subinterface s : added) {
      int free = interfaceNames.indexOf(null);
      if (free < 0) {
        interfaceNames.add(s.name());
      } else {
        interfaceNames.set(free, s.name());
        reusedAt.put(free, CounterTotals.sum(workers, interfaceNames.size()));
      }
    }
  }

  /**
   * The workers' counters summed, per interface id up to the highest in use; an id given to a
   * new sub-interface counts from zero again.
   */
  public synchronized CounterTotals counters() {
    CounterTotals c = CounterTotals.sum(workers, interfaceNames.size());
    for (Map.Entry<Integer, CounterTotals> e : reusedAt.entrySet()) {
      c = c.restartingInterface(e.getKey(), e.getValue());
    }
    return c;
  }

  /**
   * Unhooks mirrors from the workers, gives any worker still inside a write to one of them time
   * to finish (a write takes microseconds; the pause is generous because a preempted worker may
   * hold the old array longer), then closes them, which removes their TAPs. Without the pause a
   * worker could write into a descriptor number the process has since reused.
   */
  private void retire(List<KernelMirror> removed) {
    publishMirrors(tables.forwarding());
    try {
      Thread.sleep(RETIRE_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    removed.forEach(KernelMirror::close);
  }

  /**
   * Lets packet taps on port {@code port}'s device see what the workers transmit there (for a
   * capture), or lets transmission bypass them again (the fast path).
   */
  public void transmitVisibleToTaps(int port, boolean visible) {
    for (PortQueue[] row : queues) {
      row[port].transmitVisibleToTaps(visible);
    }
  }

  /** The id of interface {@code name} (a port or a sub-interface), or -1. */
  public synchronized int interfaceId(String name) {
    return interfaceNames.indexOf(name);
  }

  /** Interface names by id; null where an id is free. */
  public synchronized List<String> interfaceNames() {
    return new ArrayList<>(interfaceNames);
  }

  /**
   * Publishes a snapshot and points each interface at its kernel mirror. {@link #routes()}
   * calls this; a caller that publishes by hand must also keep the FIBs' ids in its table.
   */
  public synchronized void publish(ForwardingTables next) {
    publishMirrors(next);
    tables.publish(next);
  }

  /** Points each interface of {@code t} at its kernel mirror, if it still has one. */
  private void publishMirrors(ForwardingTables t) {
    L3Interface[] interfaces = t.interfaces();
    KernelMirror[] byInterface = new KernelMirror[interfaces.length];
    PortQueue[] kernelQueues = new PortQueue[interfaces.length];
    for (L3Interface i : interfaces) {
      KernelMirror m = i.vlan() == 0 ? ports.get(i.port()).mirror() : vlanMirrors.get(i.name());
      byInterface[i.id()] = m;
      kernelQueues[i.id()] = m == null ? null : m.kernelQueue();
    }
    Runnable wakeWorker0 = idles.get(0)::wakeup;
    for (KernelMirror m : byInterface) {
      if (m != null) {
        m.onOutput(wakeWorker0);
      }
    }
    mirrors.set(byInterface);
    workers.get(0).kernelQueues(kernelQueues);
  }

  @Override
  public void close() {
    workers.forEach(Worker::stop);
    idles.forEach(IdleStrategy::wakeup);
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (IdleStrategy i : idles) {
      if (i instanceof PollingIdle p) {
        p.close();
      }
    }
    for (PortQueue[] row : queues) {
      for (PortQueue q : row) {
        q.close();
      }
    }
    synchronized (this) {
      vlanMirrors.values().forEach(KernelMirror::close);
      vlanMirrors.clear();
    }
    ports.forEach(takeover::release);
  }
}
