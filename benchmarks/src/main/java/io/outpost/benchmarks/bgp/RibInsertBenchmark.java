package io.outpost.benchmarks.bgp;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.rib.BestPath;
import io.outpost.bgp.rib.LocRib;
import io.outpost.bgp.rib.PrefixTable;
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
 * What a received full table costs the RIBs alone: a million IPv4 prefixes (the synthetic table
 * of the FIB benchmarks, in its order: random, as a hash-ordered feed is) put into an
 * Adj-RIB-In and a Loc-RIB that start empty, as {@code Peer} does for each announced prefix.
 * The score is nanoseconds per prefix, growth of the tables included: the share of a received
 * table's per-prefix cost that the RIB data structures take (the system benchmark
 * {@code bgp-fulltable.sh} measures the whole), and the figure a change of their layout is
 * judged by. {@link #hashMaps} does the same into two {@code java.util.HashMap}s keyed by a
 * boxed {@code Long}, the obvious Java RIB, as the peer the score is a ratio against.
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
  private PrefixTable<PathAttributes> adjRibIn;
  private LocRib locRib;
  private java.util.HashMap<Long, PathAttributes> adjMap;
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
    adjRibIn = new PrefixTable<>();
    locRib = new LocRib(new BestPath(false), 1);
    adjMap = new java.util.HashMap<>();
    locMap = new java.util.HashMap<>();
  }

  @Benchmark
  @OperationsPerInvocation(PREFIXES)
  public long fullTable() {
    for (int i = 0; i < PREFIXES; i++) {
      adjRibIn.put(keys[2 * i], 0, keys[2 * i + 1], routes[i].attributes());
      locRib.update(Family.IPV4_UNICAST, keys[2 * i], 0, (int) keys[2 * i + 1], routes[i]);
    }
    return adjRibIn.size() + locRib.size(Family.IPV4_UNICAST);
  }

  @Benchmark
  @OperationsPerInvocation(PREFIXES)
  public long hashMaps() {
    for (int i = 0; i < PREFIXES; i++) {
      Long key = keys[2 * i] << 8 | keys[2 * i + 1];
      adjMap.put(key, routes[i].attributes());
      locMap.put(key, routes[i]);
    }
    return adjMap.size() + locMap.size();
  }
}
