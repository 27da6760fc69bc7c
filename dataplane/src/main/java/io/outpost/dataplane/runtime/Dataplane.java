package io.outpost.dataplane.runtime;

import io.outpost.dataplane.neighbor.NeighborTimers;
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
import java.util.List;
import java.util.function.Function;

/**
 * A running data plane: its ports (taken over from the kernel, each with a TAP mirror), one
 * queue per worker on each, the worker threads, and the shared tables the control plane
 * publishes into.
 *
 * <p>The set of ports and the number of workers are fixed for the life of an instance; the
 * control plane starts a new one when they change. Everything else (interfaces, addresses,
 * VLANs, MTUs, next hops, routes) changes live through {@link #publish} and the FIBs.
 */
public final class Dataplane implements AutoCloseable {
  private final List<PortTakeover.Taken> ports;
  private final PortTakeover takeover;
  private final PortQueue[][] queues;
  private final DataplaneTables tables;
  private final KernelMirrors mirrors = new KernelMirrors();
  private final List<Worker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<IdleStrategy> idles = new ArrayList<>();
  private final RouteProgrammer routes;

  private Dataplane(List<PortTakeover.Taken> ports, PortTakeover takeover, PortQueue[][] queues,
      NeighborTimers timers) {
    this.ports = ports;
    this.takeover = takeover;
    this.queues = queues;
    this.tables = new DataplaneTables(ports.size(), timers);
    this.routes = new RouteProgrammer(ports.size(), tables, this::publish, System::nanoTime);
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
   * Publishes a snapshot and points each interface at its kernel mirror. {@link #routes()}
   * calls this; a caller that publishes by hand must also keep the FIBs' ids in its table.
   */
  public synchronized void publish(ForwardingTables next) {
    L3Interface[] interfaces = next.interfaces();
    KernelMirror[] byInterface = new KernelMirror[interfaces.length];
    PortQueue[] kernelQueues = new PortQueue[interfaces.length];
    for (L3Interface i : interfaces) {
      // VLAN interfaces get mirrors of their own with the control-plane wiring; until then
      // frames for the appliance on a VLAN are counted as punt-failed.
      KernelMirror m = i.vlan() == 0 ? ports.get(i.port()).mirror() : null;
      byInterface[i.id()] = m;
      kernelQueues[i.id()] = m == null ? null : m.kernelQueue();
    }
    mirrors.set(byInterface);
    tables.publish(next);
    workers.get(0).kernelQueues(kernelQueues);
  }

  @Override
  public void close() {
    workers.forEach(Worker::stop);
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
    ports.forEach(takeover::release);
  }
}
