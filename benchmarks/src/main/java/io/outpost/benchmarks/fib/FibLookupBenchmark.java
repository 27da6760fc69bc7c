package io.outpost.benchmarks.fib;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import io.outpost.dataplane.fib.Ipv4Fib;
import io.outpost.dataplane.fib.Ipv6Fib;
import io.outpost.dataplane.fib.SyntheticTable;
import java.lang.management.ManagementFactory;
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
 * Longest-prefix-match lookups per second on a full synthetic Internet table ({@link
 * SyntheticTable}, 1M IPv4 / 250k IPv6 routes, seed 42): Outpost's {@link Ipv4Fib} and {@link
 * Ipv6Fib} against the tries of the ipaddress library ({@code IPv4AddressAssociativeTrie},
 * {@code IPv6AddressAssociativeTrie}), loaded with the same routes and next hops and asked the
 * same destinations, in the same run. Each setup checks that both answer alike.
 *
 * <p>One invocation looks up one burst of 256 destinations (a {@code FrameBurst}'s worth), so
 * scores are lookups per second; the sum of the next hops is returned for JMH to consume. The
 * destinations are 1M (4096 bursts, cycled through), generated before the measurement:
 *
 * <ul>
 *   <li>IPv4 {@code uniform}: uniformly random over all 2^32 addresses, routed or not (35% hit
 *       no route, most of those at the direct array: unallocated and multicast space);
 *   <li>IPv4 {@code routed}: inside a random route of the table with random host bits, so
 *       every lookup finds a route and /24s dominate, as in traffic to the Internet;
 *   <li>IPv6: inside a random route (uniform over 2^128 would almost never leave the direct
 *       array, since routes cover a few hundred of its 65536 /16s).
 * </ul>
 *
 * <p>Outpost is measured with its burst API ({@code ...Burst}, what data-plane workers call)
 * and one address at a time ({@code ...Single}). ipaddress gets its destinations as address
 * objects made beforehand, so building them is not counted against it. The setups print each
 * structure's footprint: Outpost's is {@code memoryBytes()}, exact; ipaddress's is the growth of
 * the heap after GC across building the trie, an estimate.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@OperationsPerInvocation(FibLookupBenchmark.BURST)
public class FibLookupBenchmark {
  static final int BURST = 256;
  static final int BURSTS = 4096;
  static final long TABLE_SEED = 42;
  static final long DESTINATION_SEED = 7;

  /** The IPv4 table and the destinations, as bursts. */
  @State(Scope.Benchmark)
  public static class Ipv4Table {
    @Param({"uniform", "routed"})
    public String destinations;

    SyntheticTable.Ipv4Routes routes;
    int[][] bursts;

    @Setup
    public void setup() {
      routes = SyntheticTable.ipv4(TABLE_SEED, SyntheticTable.FULL_IPV4);
      int[] all =
          destinations.equals("uniform")
              ? new SplittableRandom(DESTINATION_SEED).ints(BURST * BURSTS).toArray()
              : SyntheticTable.routedDestinations(routes, DESTINATION_SEED, BURST * BURSTS);
      bursts = new int[BURSTS][BURST];
      for (int b = 0; b < BURSTS; b++) {
        System.arraycopy(all, b * BURST, bursts[b], 0, BURST);
      }
    }
  }

  @State(Scope.Benchmark)
  public static class Ipv4Outpost {
    Ipv4Fib fib;

    @Setup
    public void setup(Ipv4Table table) {
      fib = outpost(table.routes);
      System.out.printf("%n[footprint] outpost Ipv4Fib: %d routes, memoryBytes %.2f MB%n",
          fib.size(), fib.memoryBytes() / 1e6);
    }
  }

  @State(Scope.Benchmark)
  public static class Ipv4IpAddress {
    IPv4AddressAssociativeTrie<Integer> trie;
    IPv4Address[][] bursts;

    @Setup
    public void setup(Ipv4Table table) {
      SyntheticTable.Ipv4Routes routes = table.routes;
      bursts = new IPv4Address[BURSTS][BURST];
      for (int b = 0; b < BURSTS; b++) {
        for (int i = 0; i < BURST; i++) {
          bursts[b][i] = new IPv4Address(table.bursts[b][i]);
        }
      }
      long before = heapAfterGc();
      trie = new IPv4AddressAssociativeTrie<>();
      for (int i = 0; i < routes.size(); i++) {
        IPv4Address prefix = new IPv4Address(routes.prefixes()[i], routes.lengths()[i]);
        trie.put(prefix.toPrefixBlock(), routes.nextHops()[i]);
      }
      long estimate = heapAfterGc() - before;
      System.out.printf("%n[footprint] ipaddress IPv4AddressAssociativeTrie: %d routes, "
          + "~%.1f MB (estimate: heap growth after GC)%n", trie.size(), estimate / 1e6);
      Ipv4Fib reference = outpost(routes);
      for (int b = 0; b < 256; b++) {
        for (int i = 0; i < BURST; i++) {
          var node = trie.longestPrefixMatchNode(bursts[b][i]);
          int theirs = node == null ? 0 : node.getValue();
          if (theirs != reference.lookup(table.bursts[b][i])) {
            throw new IllegalStateException("ipaddress and outpost disagree on " + bursts[b][i]);
          }
        }
      }
    }
  }

  /** The IPv6 table and the destinations (routed), as bursts of hi, lo pairs. */
  @State(Scope.Benchmark)
  public static class Ipv6Table {
    SyntheticTable.Ipv6Routes routes;
    long[][] bursts;

    @Setup
    public void setup() {
      routes = SyntheticTable.ipv6(TABLE_SEED, SyntheticTable.FULL_IPV6);
      long[] all = SyntheticTable.routedDestinations(routes, DESTINATION_SEED, BURST * BURSTS);
      bursts = new long[BURSTS][2 * BURST];
      for (int b = 0; b < BURSTS; b++) {
        System.arraycopy(all, 2 * b * BURST, bursts[b], 0, 2 * BURST);
      }
    }
  }

  @State(Scope.Benchmark)
  public static class Ipv6Outpost {
    Ipv6Fib fib;

    @Setup
    public void setup(Ipv6Table table) {
      fib = outpost(table.routes);
      System.out.printf("%n[footprint] outpost Ipv6Fib: %d routes, memoryBytes %.2f MB%n",
          fib.size(), fib.memoryBytes() / 1e6);
    }
  }

  @State(Scope.Benchmark)
  public static class Ipv6IpAddress {
    IPv6AddressAssociativeTrie<Integer> trie;
    IPv6Address[][] bursts;

    @Setup
    public void setup(Ipv6Table table) {
      SyntheticTable.Ipv6Routes routes = table.routes;
      bursts = new IPv6Address[BURSTS][BURST];
      for (int b = 0; b < BURSTS; b++) {
        for (int i = 0; i < BURST; i++) {
          bursts[b][i] = new IPv6Address(table.bursts[b][2 * i], table.bursts[b][2 * i + 1]);
        }
      }
      long before = heapAfterGc();
      trie = new IPv6AddressAssociativeTrie<>();
      for (int i = 0; i < routes.size(); i++) {
        IPv6Address prefix =
            new IPv6Address(routes.his()[i], routes.los()[i], routes.lengths()[i]);
        trie.put(prefix.toPrefixBlock(), routes.nextHops()[i]);
      }
      long estimate = heapAfterGc() - before;
      System.out.printf("%n[footprint] ipaddress IPv6AddressAssociativeTrie: %d routes, "
          + "~%.1f MB (estimate: heap growth after GC)%n", trie.size(), estimate / 1e6);
      Ipv6Fib reference = outpost(routes);
      for (int b = 0; b < 256; b++) {
        for (int i = 0; i < BURST; i++) {
          var node = trie.longestPrefixMatchNode(bursts[b][i]);
          int theirs = node == null ? 0 : node.getValue();
          if (theirs != reference.lookup(table.bursts[b][2 * i], table.bursts[b][2 * i + 1])) {
            throw new IllegalStateException("ipaddress and outpost disagree on " + bursts[b][i]);
          }
        }
      }
    }
  }

  /** Where a thread is in the destinations, and its burst of results. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
    final int[] nextHops = new int[BURST];

    int burst() {
      int b = next;
      next = (b + 1) & (BURSTS - 1);
      return b;
    }
  }

  @Benchmark
  public long ipv4OutpostBurst(Ipv4Table table, Ipv4Outpost outpost, Cursor cursor) {
    int[] nextHops = cursor.nextHops;
    outpost.fib.lookup(table.bursts[cursor.burst()], nextHops, BURST);
    long sum = 0;
    for (int hop : nextHops) {
      sum += hop;
    }
    return sum;
  }

  @Benchmark
  public long ipv4OutpostSingle(Ipv4Table table, Ipv4Outpost outpost, Cursor cursor) {
    Ipv4Fib fib = outpost.fib;
    long sum = 0;
    for (int address : table.bursts[cursor.burst()]) {
      sum += fib.lookup(address);
    }
    return sum;
  }

  @Benchmark
  public long ipv4IpAddress(Ipv4IpAddress ipaddress, Cursor cursor) {
    IPv4AddressAssociativeTrie<Integer> trie = ipaddress.trie;
    long sum = 0;
    for (IPv4Address address : ipaddress.bursts[cursor.burst()]) {
      var node = trie.longestPrefixMatchNode(address);
      sum += node == null ? 0 : node.getValue();
    }
    return sum;
  }

  @Benchmark
  public long ipv6OutpostBurst(Ipv6Table table, Ipv6Outpost outpost, Cursor cursor) {
    int[] nextHops = cursor.nextHops;
    outpost.fib.lookup(table.bursts[cursor.burst()], nextHops, BURST);
    long sum = 0;
    for (int hop : nextHops) {
      sum += hop;
    }
    return sum;
  }

  @Benchmark
  public long ipv6OutpostSingle(Ipv6Table table, Ipv6Outpost outpost, Cursor cursor) {
    Ipv6Fib fib = outpost.fib;
    long[] burst = table.bursts[cursor.burst()];
    long sum = 0;
    for (int i = 0; i < BURST; i++) {
      sum += fib.lookup(burst[2 * i], burst[2 * i + 1]);
    }
    return sum;
  }

  @Benchmark
  public long ipv6IpAddress(Ipv6IpAddress ipaddress, Cursor cursor) {
    IPv6AddressAssociativeTrie<Integer> trie = ipaddress.trie;
    long sum = 0;
    for (IPv6Address address : ipaddress.bursts[cursor.burst()]) {
      var node = trie.longestPrefixMatchNode(address);
      sum += node == null ? 0 : node.getValue();
    }
    return sum;
  }

  static Ipv4Fib outpost(SyntheticTable.Ipv4Routes routes) {
    Ipv4Fib fib = new Ipv4Fib();
    for (int i = 0; i < routes.size(); i++) {
      fib.insert(routes.prefixes()[i], routes.lengths()[i], routes.nextHops()[i]);
    }
    fib.publish();
    return fib;
  }

  static Ipv6Fib outpost(SyntheticTable.Ipv6Routes routes) {
    Ipv6Fib fib = new Ipv6Fib();
    for (int i = 0; i < routes.size(); i++) {
      fib.insert(routes.his()[i], routes.los()[i], routes.lengths()[i], routes.nextHops()[i]);
    }
    fib.publish();
    return fib;
  }

  /** Heap in use after the collector had its chances; for footprint estimates only. */
  static long heapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
