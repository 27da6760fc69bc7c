package io.outpost.benchmarks.bgp;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.rib.BestPath;
import io.outpost.bgp.rib.LocRib;
import io.outpost.bgp.rib.Route;
import io.outpost.bgp.rib.RouteSource;
import io.outpost.bgp.wire.Family;
import io.outpost.dataplane.fib.SyntheticTable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a received full table costs the RIB alone: a million IPv4 prefixes (the synthetic table
 * of the FIB benchmarks, in its order: random, as a hash-ordered feed is) put into a Loc-RIB
 * that starts empty, as {@code AdjRibIn} does for each announced path that import policy takes
 * unchanged (such a path has no Adj-RIB-In entry of its own). The score is nanoseconds per
 * prefix, growth of the table included: the share of a received table's per-prefix cost that
 * the RIB's data structure takes (the system benchmark {@code bgp-fulltable.sh} measures the
 * whole), and the figure a change of its layout is judged by. {@link #hashMap} does the same
 * into a {@code java.util.HashMap} keyed by a boxed {@code Long}, the obvious Java RIB, as the
 * peer the score is a ratio against.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 8)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseSerialGC"})
@State(Scope.Thread)
public class RibInsertBenchmark {
  private static final int PREFIXES = SyntheticTable.FULL_IPV4;

  private long[] keys;
  private Route[] routes;
  private LocRib locRib;
  private java.util.HashMap<Long, Route> locMap;

  @Setup(Level.Trial)
  public void table() {
    SyntheticTable.Ipv4Routes t = SyntheticTable.ipv4(42, PREFIXES);
    keys = new long[2 * PREFIXES];
    routes = new Route[PREFIXES];
    RouteSource peer = new RouteSource() {
      @Override
      public boolean external() {
        return true;
      }

      @Override
      public long routerId() {
        return 1;
      }

      @Override
      public byte[] address() {
        return new byte[] {10, 0, 0, 2};
      }

      @Override
      public String name() {
        return "10.0.0.2";
      }
    };
    Route last = null;
    for (int i = 0; i < PREFIXES; i++) {
      keys[2 * i] = Integer.toUnsignedLong(t.prefixes()[i]);
      keys[2 * i + 1] = t.lengths()[i];
      if (last == null || i % 3 == 0) { // about a third as many attribute sets as prefixes
        last = new Route(peer, 0, PathAttributes.builder().origin(0)
            .asPath(new int[] {65001, 64500 + i % 1000}).nextHop(new byte[] {10, 0, 0, 2})
            .med(i).build());
      }
      routes[i] = last;
    }
  }

  @Setup(Level.Invocation)
  public void empty() {
    locRib = new LocRib(new BestPath(false), 1);
    locMap = new java.util.HashMap<>();
    System.gc(); // the last invocation's table is garbage: not collected inside this one's time
  }

  @Benchmark
  @OperationsPerInvocation(PREFIXES)
  public long fullTable() {
    for (int i = 0; i < PREFIXES; i++) {
      locRib.update(Family.IPV4_UNICAST, keys[2 * i], 0, (int) keys[2 * i + 1], routes[i]);
    }
    return locRib.size(Family.IPV4_UNICAST);
  }

  @Benchmark
  @OperationsPerInvocation(PREFIXES)
  public long hashMap() {
    for (int i = 0; i < PREFIXES; i++) {
      locMap.put(keys[2 * i] << 8 | keys[2 * i + 1], routes[i]);
    }
    return locMap.size();
  }
}
