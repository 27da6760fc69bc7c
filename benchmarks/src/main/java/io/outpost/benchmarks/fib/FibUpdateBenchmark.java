package io.outpost.benchmarks.fib;

import io.outpost.dataplane.fib.Ipv4Fib;
import io.outpost.dataplane.fib.Ipv6Fib;
import io.outpost.dataplane.fib.SyntheticTable;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a route change costs on a full table: change the next hop of {@link #BATCH} random
 * routes of the synthetic table (seed 42), then publish; the score is microseconds per change,
 * the publish and the compactions it triggers (amortised) included. Routes change next hop
 * rather than come and go so the table stays full; a next-hop change rebuilds the same path as
 * an insert or a removal of the route would.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@OperationsPerInvocation(FibUpdateBenchmark.BATCH)
public class FibUpdateBenchmark {
  static final int BATCH = 10;

  @State(Scope.Thread)
  public static class Ipv4Table {
    SyntheticTable.Ipv4Routes routes;
    Ipv4Fib fib;
    final SplittableRandom random = new SplittableRandom(11);

    @Setup
    public void setup() {
      routes = SyntheticTable.ipv4(FibLookupBenchmark.TABLE_SEED, SyntheticTable.FULL_IPV4);
      fib = FibLookupBenchmark.outpost(routes);
    }
  }

  @State(Scope.Thread)
  public static class Ipv6Table {
    SyntheticTable.Ipv6Routes routes;
    Ipv6Fib fib;
    final SplittableRandom random = new SplittableRandom(11);

    @Setup
    public void setup() {
      routes = SyntheticTable.ipv6(FibLookupBenchmark.TABLE_SEED, SyntheticTable.FULL_IPV6);
      fib = FibLookupBenchmark.outpost(routes);
    }
  }

  @Benchmark
  public long ipv4ChangeAndPublish(Ipv4Table table) {
    SyntheticTable.Ipv4Routes routes = table.routes;
    for (int i = 0; i < BATCH; i++) {
      int r = table.random.nextInt(routes.size());
      table.fib.insert(routes.prefixes()[r], routes.lengths()[r],
          1 + table.random.nextInt(SyntheticTable.PEERS));
    }
    table.fib.publish();
    return table.fib.memoryBytes();
  }

  @Benchmark
  public long ipv6ChangeAndPublish(Ipv6Table table) {
    SyntheticTable.Ipv6Routes routes = table.routes;
    for (int i = 0; i < BATCH; i++) {
      int r = table.random.nextInt(routes.size());
      table.fib.insert(routes.his()[r], routes.los()[r], routes.lengths()[r],
          1 + table.random.nextInt(SyntheticTable.PEERS));
    }
    table.fib.publish();
    return table.fib.memoryBytes();
  }
}
