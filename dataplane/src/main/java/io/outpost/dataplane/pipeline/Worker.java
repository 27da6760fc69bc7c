package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.packet.Arp;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.port.FrameBurst;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A data-plane worker: one thread that owns a receive/transmit queue on every port and runs
 * each received burst to completion through the fixed chain of stages (ethernet-input →
 * arp-input → ipv4-input → ipv6-input → ipv4-forward → ipv6-forward → punt → output), then
 * flushes each egress port once.
 *
 * <p>Nothing in {@link #doWork} allocates, locks or makes a system call per packet. The clock
 * is read once per loop and passed down. Worker 0 also carries the kernel's side of the
 * linux-cp pattern (frames the kernel sends out of a TAP mirror leave through the port), runs
 * the neighbor timers, and sends gratuitous ARP and unsolicited NA when addresses appear.
 */
public final class Worker implements Runnable {
  /** How often worker 0 runs the neighbor timers and the resolution queue. */
  static final long TICK_NANOS = 10_000_000L;

  private final int index;
  private final PortQueue[] queues;
  private final DataplaneTables tables;
  private final LocalDelivery local;
  private final LongSupplier clock;
  private final IdleStrategy idle;
  private final WorkerCounters counters = new WorkerCounters();
  private final Vector vector = new Vector();
  private final Transmitter tx;
  private final IcmpErrors icmp;
  private final NeighborRequests requests;
  private final PendingPackets pending;
  private final EthernetInput ethernetInput;
  private final ArpInput arpInput;
  private final Ipv4Input ipv4Input;
  private final Ipv6Input ipv6Input;
  private final IpForward forward;
  private final Output output;
  private final FrameBurst kernelBurst = new FrameBurst();
  private final PacketTrace trace;

  private volatile PortQueue[] kernelQueues = new PortQueue[0];
  private volatile boolean running = true;
  private long nextTick;
  private long nextPendingCheck;
  private long seenGeneration = -1;
  private ForwardingTables announced;

  /**
   * @param index the worker's number; worker 0 carries the kernel side and the timers
   * @param queues this worker's queue on each port, indexed by port; null for a port it does
   *     not serve
   * @param icmpErrorsPerSecond the rate limit of ICMP errors this worker sends
   */
  public Worker(int index, PortQueue[] queues, DataplaneTables tables, LocalDelivery local,
      LongSupplier clock, IdleStrategy idle, int icmpErrorsPerSecond) {
    this.index = index;
    this.queues = queues.clone();
    this.tables = tables;
    this.local = local;
    this.clock = clock;
    this.idle = idle;
    this.tx = new Transmitter(this.queues, counters);
    this.icmp = new IcmpErrors(tx, counters, icmpErrorsPerSecond);
    this.requests = new NeighborRequests(tx, counters);
    this.pending = new PendingPackets(tables.neighbors().timers().maxQueuedPerNeighbor(),
        tables.neighbors().timers().retransmitNanos()
            * (tables.neighbors().timers().maxProbes() + 1), counters);
    this.ethernetInput = new EthernetInput(counters);
    this.arpInput = new ArpInput(counters, tables.neighbors());
    this.ipv4Input = new Ipv4Input(counters, icmp);
    this.ipv6Input = new Ipv6Input(counters, icmp, tables.neighbors());
    this.forward = new IpForward(counters, icmp, tables.neighbors(), requests, pending);
    this.output = new Output(counters, tx);
    this.trace = new PacketTrace(index);
  }

  public int index() {
    return index;
  }

  public WorkerCounters counters() {
    return counters;
  }

  /** This worker's packet trace, off until armed. */
  public PacketTrace trace() {
    return trace;
  }

  /**
   * Sets the queues that carry what the kernel sends out of each interface's TAP mirror,
   * indexed by interface id (null where an interface has none). Only worker 0 drains them.
   */
  public void kernelQueues(PortQueue[] byInterface) {
    this.kernelQueues = byInterface.clone();
  }

  /** Asks the thread to leave its loop after the current pass. */
  public void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      int work = doWork();
      if (work == 0) {
        counters.idlePolls++;
        idle.idle();
      } else {
        idle.reset();
      }
    }
  }

  /** One pass: a burst from every port, the kernel side and timers. Returns frames handled. */
  public int doWork() {
    long now = clock.getAsLong();
    ForwardingTables t = tables.forwarding();
    requests.tables(t);
    int work = 0;
    for (int p = 0; p < queues.length; p++) {
      PortQueue q = queues[p];
      if (q == null) {
        continue;
      }
      int n = q.receive(vector.burst);
      if (n == 0) {
        continue;
      }
      counters.burst(n);
      process(q, p, t, now);
      work += n;
    }
    if (index == 0) {
      work += kernelOutput(t);
      if (announced != t) {
        announce(t);
      }
      if (now - nextTick >= 0) {
        nextTick = now + TICK_NANOS;
        tables.neighbors().tick(now, requests);
      }
    }
    if (pending.count() > 0) {
      long generation = tables.neighbors().generation();
      if (generation != seenGeneration || now - nextPendingCheck >= 0) {
        seenGeneration = generation;
        nextPendingCheck = now + TICK_NANOS;
        pending.service(t, tx, icmp, now);
      }
    }
    tx.flushAll();
    return work;
  }

  private void process(PortQueue q, int port, ForwardingTables t, long now) {
    Vector v = vector;
    v.buf = q.rxBuffer();
    v.port = port;
    // Tracing costs a branch per stage per burst when off, never per packet.
    boolean traced = trace.begin(v, now);
    ethernetInput.run(v, t);
    after(traced, Stage.ETHERNET_INPUT, v);
    arpInput.run(v, t, now);
    after(traced, Stage.ARP_INPUT, v);
    ipv4Input.run(v, t, tables.fib4(), now);
    after(traced, Stage.IPV4_INPUT, v);
    ipv6Input.run(v, t, tables.fib6(), now);
    after(traced, Stage.IPV6_INPUT, v);
    forward.run4(v, t, now);
    after(traced, Stage.IPV4_FORWARD, v);
    forward.run6(v, t, now);
    after(traced, Stage.IPV6_FORWARD, v);
    output.punt(v, local);
    after(traced, Stage.PUNT, v);
    output.output(v, t);
    after(traced, Stage.OUTPUT, v);
    if (traced) {
      trace.end(v);
    }
    q.releaseReceived();
  }

  private void after(boolean traced, Stage stage, Vector v) {
    if (traced) {
      trace.after(stage, v);
    }
  }

  /** Frames the kernel wrote to TAP mirrors leave through the mirrored ports, as they are. */
  private int kernelOutput(ForwardingTables t) {
    PortQueue[] kq = kernelQueues;
    L3Interface[] interfaces = t.interfaces();
    int work = 0;
    for (int id = 0; id < kq.length && id < interfaces.length; id++) {
      PortQueue q = kq[id];
      if (q == null) {
        continue;
      }
      int n = q.receive(kernelBurst);
      if (n == 0) {
        continue;
      }
      MemorySegment s = q.rxBuffer();
      for (int i = 0; i < n; i++) {
        int length = kernelBurst.length[i];
        if (length < Ethernet.HEADER_LENGTH
            || !tx.sendFrame(interfaces[id], s, kernelBurst.offset[i], length)) {
          counters.drop(DropReason.TX_RING_FULL);
        }
      }
      q.releaseReceived();
      counters.stage(Stage.KERNEL_OUTPUT, n);
      work += n;
    }
    return work;
  }

  /** Gratuitous ARP and unsolicited NA for addresses that appeared since the last snapshot. */
  private void announce(ForwardingTables t) {
    Map<String, L3Interface> before = new HashMap<>();
    if (announced != null) {
      for (L3Interface i : announced.interfaces()) {
        before.put(i.name(), i);
      }
    }
    for (L3Interface i : t.interfaces()) {
      L3Interface old = before.get(i.name());
      for (int a : i.ipv4()) {
        if (old == null || old.mac() != i.mac() || !contains(old.ipv4(), a)) {
          requests.arp(i, Arp.REQUEST, Ethernet.BROADCAST, a, 0, a);
        }
      }
      long[] v6 = i.ipv6();
      for (int k = 0; k < v6.length; k += 2) {
        if (old == null || old.mac() != i.mac() || !contains(old.ipv6(), v6[k], v6[k + 1])) {
          requests.advertise(i, v6[k], v6[k + 1]);
        }
      }
    }
    announced = t;
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(long[] pairs, long hi, long lo) {
    for (int k = 0; k < pairs.length; k += 2) {
      if (pairs[k] == hi && pairs[k + 1] == lo) {
        return true;
      }
    }
    return false;
  }
}
