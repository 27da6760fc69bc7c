package io.outpost.benchmarks.pipeline;

import io.outpost.dataplane.fib.SyntheticTable;
import io.outpost.dataplane.neighbor.NeighborTimers;
import io.outpost.dataplane.packet.InternetChecksum;
import io.outpost.dataplane.pipeline.DataplaneTables;
import io.outpost.dataplane.pipeline.IdleStrategy;
import io.outpost.dataplane.pipeline.LocalDelivery;
import io.outpost.dataplane.pipeline.Worker;
import io.outpost.dataplane.port.FrameBurst;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.port.memory.MemoryWire;
import io.outpost.dataplane.table.ForwardingTables;
import io.outpost.dataplane.table.L3Interface;
import io.outpost.dataplane.table.NextHop;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole forwarding path of one worker, per packet: a burst of 256 minimum-size UDP frames
 * (60 bytes, 256 flows) arrives on port 0 of an in-memory wire, the worker runs it through
 * every stage (ethernet-input, ipv4/ipv6-input with header checks, FIB lookup, neighbor,
 * TTL/hop-limit decrement with the incremental checksum, output) and transmits it on port 1,
 * where the benchmark receives and releases it. Scores are nanoseconds per packet; with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes allocated per packet.
 *
 * <p>The peer, {@link #wireOnly}, moves the same frames across the same wires with no
 * processing at all (receive, one copy into the other port's ring, flush, receive): the floor
 * that the pipeline's cost sits on. {@code table=full} loads the synthetic Internet table (1M
 * IPv4 or 250k IPv6 routes) and sends to random routed destinations, so FIB lookups miss the
 * cache as they would at an edge; {@code table=small} has a handful of routes.
 *
 * <p>The worker's clock stands still, so neighbors stay REACHABLE for the whole run and no timer
 * work is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@OperationsPerInvocation(PipelineBenchmark.BURST)
public class PipelineBenchmark {
  static final int BURST = 256;
  static final int FRAME = 60;
  static final int FRAME6 = 14 + 40 + 8 + 18;
  static final long R0 = 0x02_00_00_00_00_01L;
  static final long R1 = 0x02_00_00_00_00_02L;
  static final long HOST = 0x02_aa_00_00_00_01L;
  static final long GATEWAY = 0x02_cc_00_00_00_09L;
  static final int GATEWAY4 = 0x0a_00_02_09;
  static final long GATEWAY6_HI = 0x2001_0db8_0002_0000L;
  static final long GATEWAY6_LO = 9;

  @State(Scope.Thread)
  public static class Router {
    @Param({"ipv4", "ipv6"})
    public String family;

    @Param({"small", "full"})
    public String table;

    /**
     * How far the frames go, for the cost of each part of the chain (IPv4): {@code forward},
     * the whole path; {@code blackhole}, to a blackhole route (ethernet-input, ipv4-input with
     * its checks, the FIB lookup and the forwarding decision, no neighbor, rewrite or
     * transmit); {@code not-for-us}, unicast to another MAC (ethernet-input alone). Only
     * {@code forward} runs by default; the others with {@code -p path=...}.
     */
    @Param({"forward"})
    public String path;

    final MemoryWire in = new MemoryWire();
    final MemoryWire out = new MemoryWire();
    final FrameBurst drained = new FrameBurst();
    MemorySegment frames;
    int frameLength;
    Worker worker;

    @Setup
    public void setup() {
      boolean v6 = family.equals("ipv6");
      frameLength = v6 ? FRAME6 : FRAME;
      DataplaneTables tables = new DataplaneTables(2, NeighborTimers.DEFAULTS);
      L3Interface if0 = new L3Interface(0, "eth0", 0, 0, R0, 1500, new int[] {0x0a_00_01_01},
          new int[] {24}, new long[] {0x2001_0db8_0001_0000L, 1}, new int[] {64});
      L3Interface if1 = new L3Interface(1, "eth1", 1, 0, R1, 1500, new int[] {0x0a_00_02_01},
          new int[] {24}, new long[] {GATEWAY6_HI, 1}, new int[] {64});
      tables.publish(new ForwardingTables(1, 2, List.of(if0, if1), List.of(NextHop.blackhole(),
          NextHop.forward4(1, GATEWAY4), NextHop.forward6(1, GATEWAY6_HI, GATEWAY6_LO),
          NextHop.blackhole())));
      long[] destinations = new long[2 * BURST];
      SplittableRandom random = new SplittableRandom(7);
      if (!v6) {
        if (table.equals("full")) {
          SyntheticTable.Ipv4Routes routes = SyntheticTable.ipv4(42, SyntheticTable.FULL_IPV4);
          for (int i = 0; i < routes.size(); i++) {
            tables.fib4().insert(routes.prefixes()[i], routes.lengths()[i], 1);
          }
          int[] d = SyntheticTable.routedDestinations(routes, 7, BURST);
          for (int i = 0; i < BURST; i++) {
            destinations[2 * i] = d[i];
          }
        } else {
          tables.fib4().insert(0xc6_33_64_00, 24, 1); // 198.51.100.0/24
          tables.fib4().insert(0xcb_00_71_00, 24, 3); // 203.0.113.0/24, a blackhole
          int base = path.equals("blackhole") ? 0xcb_00_71_00 : 0xc6_33_64_00;
          for (int i = 0; i < BURST; i++) {
            destinations[2 * i] = base | (i & 0xff);
          }
        }
        tables.fib4().publish();
        tables.neighbors().learn4(1, GATEWAY4, GATEWAY, true, true, 1_000_000_000L);
      } else {
        if (table.equals("full")) {
          SyntheticTable.Ipv6Routes routes = SyntheticTable.ipv6(42, SyntheticTable.FULL_IPV6);
          for (int i = 0; i < routes.size(); i++) {
            tables.fib6().insert(routes.his()[i], routes.los()[i], routes.lengths()[i], 2);
          }
          long[] d = SyntheticTable.routedDestinations(routes, 7, BURST);
          System.arraycopy(d, 0, destinations, 0, 2 * BURST);
        } else {
          tables.fib6().insert(0x2001_0db8_00ff_0000L, 0, 48, 2);
          for (int i = 0; i < BURST; i++) {
            destinations[2 * i] = 0x2001_0db8_00ff_0000L;
            destinations[2 * i + 1] = random.nextLong();
          }
        }
        tables.fib6().publish();
        tables.neighbors().learn6(1, GATEWAY6_HI, GATEWAY6_LO, GATEWAY, true, true,
            1_000_000_000L);
      }
      if (!path.equals("forward") && (v6 || table.equals("full"))) {
        throw new IllegalArgumentException("path=" + path + " is measured on ipv4, small");
      }
      frames = Arena.global().allocate((long) BURST * frameLength, 64);
      for (int i = 0; i < BURST; i++) {
        byte[] f = v6 ? udp6(destinations[2 * i], destinations[2 * i + 1], 1024 + i)
            : udp4((int) destinations[2 * i], 1024 + i);
        if (path.equals("not-for-us")) {
          f[5] = 0x77; // another router's MAC
        }
        MemorySegment.copy(f, 0, frames, ValueLayout.JAVA_BYTE, (long) i * frameLength,
            frameLength);
      }
      LocalDelivery none = (id, buffer, frame, length) -> false;
      worker = new Worker(0, new PortQueue[] {in.a(), out.a()}, tables, none, () -> 1_000_000_000L,
          IdleStrategy.backoff(1000), 1000);
      worker.doWork();
      drain(out.b());
      inject();
      worker.doWork();
      int forwarded = drain(out.b());
      int expected = path.equals("forward") ? BURST : 0;
      if (forwarded != expected) {
        throw new IllegalStateException("the setup forwards " + forwarded + " of " + BURST
            + " frames, not " + expected + "; drops: " + java.util.Arrays.toString(worker.counters().drops));
      }
    }

    void inject() {
      PortQueue q = in.b();
      MemorySegment tx = q.txBuffer();
      for (int i = 0; i < BURST; i++) {
        long at = q.claimTx(frameLength);
        MemorySegment.copy(frames, (long) i * frameLength, tx, at, frameLength);
        q.commitTx(frameLength);
      }
      q.flush();
    }

    int drain(PortQueue q) {
      int total = 0;
      int n;
      while ((n = q.receive(drained)) > 0) {
        total += n;
        q.releaseReceived();
      }
      return total;
    }
  }

  /** Outpost's pipeline: returns the frames that came out of port 1. */
  @Benchmark
  public int pipeline(Router r) {
    r.inject();
    r.worker.doWork();
    return r.drain(r.out.b());
  }

  /** The peer: the same frames across the same wires, copied from port to port, no processing. */
  @Benchmark
  public int wireOnly(Router r) {
    r.inject();
    PortQueue from = r.in.a();
    PortQueue to = r.out.a();
    FrameBurst burst = r.drained;
    int n = from.receive(burst);
    MemorySegment rx = from.rxBuffer();
    MemorySegment tx = to.txBuffer();
    for (int i = 0; i < n; i++) {
      long at = to.claimTx(burst.length[i]);
      MemorySegment.copy(rx, burst.offset[i], tx, at, burst.length[i]);
      to.commitTx(burst.length[i]);
    }
    from.releaseReceived();
    to.flush();
    return r.drain(r.out.b());
  }

  static byte[] udp4(int destination, int sourcePort) {
    ByteBuffer b = ByteBuffer.allocate(FRAME);
    ethernet(b, 0x0800);
    int ip = b.position();
    b.put((byte) 0x45).put((byte) 0).putShort((short) 46).putShort((short) 0)
        .putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0)
        .putInt(0x0a_00_01_02).putInt(destination);
    byte[] a = b.array();
    int sum = InternetChecksum.compute(MemorySegment.ofArray(a), ip, 20);
    b.putShort(ip + 10, (short) sum);
    b.putShort((short) sourcePort).putShort((short) 9).putShort((short) 26).putShort((short) 0);
    return a;
  }

  static byte[] udp6(long hi, long lo, int sourcePort) {
    ByteBuffer b = ByteBuffer.allocate(FRAME6);
    ethernet(b, 0x86dd);
    b.putInt(0x6000_0000).putShort((short) 26).put((byte) 17).put((byte) 64)
        .putLong(0x2001_0db8_0001_0000L).putLong(2).putLong(hi).putLong(lo);
    b.putShort((short) sourcePort).putShort((short) 9).putShort((short) 26).putShort((short) 0);
    return b.array();
  }

  private static void ethernet(ByteBuffer b, int type) {
    b.putShort((short) (R0 >>> 32)).putInt((int) R0);
    b.putShort((short) (HOST >>> 32)).putInt((int) HOST);
    b.putShort((short) type);
  }
}
