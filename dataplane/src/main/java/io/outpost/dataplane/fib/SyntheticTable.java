package io.outpost.dataplane.fib;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic stand-ins for a full Internet routing table, for tests and benchmarks of the
 * FIBs: about a million IPv4 and a quarter million IPv6 routes with the shape of the real
 * thing, from a seed. Owns no state; each call builds a new table.
 *
 * <p>The shape, as public analyses of the global BGP table describe it (the CIDR Report, Geoff
 * Huston's annual reports on bgp.potaroo.net, RIPE RIS statistics, around 2024), approximated
 * from those reports rather than taken from any one dump:
 *
 * <ul>
 *   <li>IPv4 lengths ({@link #IPV4_LENGTHS}): /24 about 61%, /23 and /22 22%, /16 to /21 14%,
 *       /8 to /15 1%, longer than /24 1% (seen in some collectors' views despite filtering).
 *       Routes fall in the unicast /8s 1..223 except 0, 10 and 127, never in 100.64/10,
 *       169.254/16, 172.16/12, 192.168/16 or 198.18/15. Density is clustered: each /16 has a
 *       heavy-tailed (Pareto, alpha 1.5) weight scaled by its /8's, one /16 in seven and a few
 *       whole legacy /8s are (nearly) empty; a third of the routes longer than /16 are
 *       de-aggregates of a shorter route already in the table, which they follow to the same
 *       next hop seven times in ten. Within a /16, positions are uniform.
 *   <li>IPv6 lengths ({@link #IPV6_LENGTHS}): /48 about 46%, /32 13%, /44 8%, /40 6%, /36 4%,
 *       /29 3.5%, the rest spread over /19../64 with a few host routes. Routes are placed in
 *       allocations (mostly /32 and /29) inside the RIR blocks of 2000::/3 (RIPE 2a00::/12 the
 *       largest, APNIC 2400::/12, ARIN 2600::/12, LACNIC 2800::/12, AFRINIC 2c00::/12, and
 *       2001::/16), with the first /16s of each block the busiest, plus a few provider-independent
 *       pools (/23../29) dense with /48s, as ARIN's 2620::/23 and RIPE's 2001:678::/29 are.
 *   <li>Next hops: 12 peers, ids 1..12, with Zipf weights (the first, a transit provider,
 *       carries about a third of the table).
 * </ul>
 */
public final class SyntheticTable {
  /** The size of a full IPv4 table, about that of the global table in 2024. */
  public static final int FULL_IPV4 = 1_000_000;

  /** The size of a full IPv6 table with some growth ahead of 2024's. */
  public static final int FULL_IPV6 = 250_000;

  /** Peers, hence distinct next hops. */
  public static final int PEERS = 12;

  /** Relative weights of IPv4 prefix lengths 0..32 (parts in about 96,000). */
  static final int[] IPV4_LENGTHS = {
    0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 8, 25, 80, 150, 300, 550, // /0../15
    1350, 800, 1300, 2400, 3500, 4000, 11500, 10000, 59000, // /16../24
    250, 250, 150, 150, 100, 80, 2, 50 // /25../32
  };

  /** Relative weights of IPv6 prefix lengths 0..128 (parts in about 100,000). */
  static final int[] IPV6_LENGTHS = new int[129];

  static {
    int[][] weights = {
      {19, 5}, {20, 5}, {21, 10}, {22, 10}, {23, 20}, {24, 60}, {25, 30}, {26, 50}, {27, 60},
      {28, 800}, {29, 3500}, {30, 500}, {31, 300}, {32, 13000}, {33, 1500}, {34, 1000},
      {35, 800}, {36, 4000}, {37, 500}, {38, 1000}, {39, 1000}, {40, 6000}, {41, 500},
      {42, 1500}, {43, 500}, {44, 8000}, {45, 1500}, {46, 3000}, {47, 2500}, {48, 46000},
      {49, 50}, {50, 50}, {51, 30}, {52, 150}, {53, 20}, {54, 30}, {55, 20}, {56, 500},
      {60, 50}, {64, 300}, {124, 5}, {126, 5}, {127, 5}, {128, 30}
    };
    for (int[] w : weights) {
      IPV6_LENGTHS[w[0]] = w[1];
    }
  }

  /** IPv4 routes, one per index: {@code prefixes[i]/lengths[i] -> nextHops[i]}. */
  public record Ipv4Routes(int[] prefixes, int[] lengths, int[] nextHops) {
    public int size() {
      return prefixes.length;
    }
  }

  /** IPv6 routes, one per index: {@code (his[i], los[i])/lengths[i] -> nextHops[i]}. */
  public record Ipv6Routes(long[] his, long[] los, int[] lengths, int[] nextHops) {
    public int size() {
      return his.length;
    }
  }

  private SyntheticTable() {}

  /** {@code count} distinct IPv4 routes shaped like the global table; the same for a seed. */
  public static Ipv4Routes ipv4(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] sixteens = sixteenWeights(random);
    Weighted lengths = new Weighted(IPV4_LENGTHS);
    Weighted peers = zipfPeers();
    int[] prefixes = new int[count];
    int[] lengthOf = new int[count];
    int[] hops = new int[count];
    Set<Long> seen = new HashSet<>(2 * count);
    List<Integer> aggregates = new ArrayList<>(); // indices of routes of /22 and shorter
    int n = 0;
    while (n < count) {
      int length = lengths.pick(random);
      int prefix;
      int hop = 1 + peers.pick(random);
      if (length > 16 && !aggregates.isEmpty() && random.nextInt(3) == 0) {
        int parent = aggregates.get(random.nextInt(aggregates.size()));
        if (lengthOf[parent] >= length) {
          continue;
        }
        prefix = prefixes[parent] | (random.nextInt() & hostMask(lengthOf[parent]));
        if (random.nextInt(10) < 7) {
          hop = hops[parent];
        }
      } else {
        int sixteen = pick(sixteens, random);
        prefix = sixteen << 16 | (random.nextInt() & 0xFFFF);
      }
      prefix &= ~hostMask(length);
      if (reserved(prefix, length) || !seen.add((long) prefix << 8 | length)) {
        continue;
      }
      prefixes[n] = prefix;
      lengthOf[n] = length;
      hops[n] = hop;
      if (length <= 22) {
        aggregates.add(n);
      }
      n++;
    }
    return new Ipv4Routes(prefixes, lengthOf, hops);
  }

  /** {@code count} distinct IPv6 routes shaped like the global table; the same for a seed. */
  public static Ipv6Routes ipv6(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    Weighted lengths = new Weighted(IPV6_LENGTHS);
    Weighted peers = zipfPeers();
    // Allocations: where the routes longer than /32 live. Each is (hi, length, weight).
    int allocationCount = Math.max(64, count / 5);
    long[] allocHi = new long[allocationCount];
    int[] allocLength = new int[allocationCount];
    double[] allocWeight = new double[allocationCount];
    int[] pools = {23, 23, 24, 26, 28, 29, 29, 29};
    for (int a = 0; a < allocationCount; a++) {
      int length;
      double weight = pareto(random);
      if (a < pools.length) {
        length = pools[a]; // provider-independent pools, dense with /48s
        weight = 0.02 * allocationCount;
      } else {
        int r = random.nextInt(100);
        length =
            r < 80 ? 32
                : r < 92 ? 29
                : r < 95 ? 28
                : r < 99 ? 24 + random.nextInt(4)
                : 19 + random.nextInt(5);
      }
      allocHi[a] = rirLocation(random) & ~hostMask64(length);
      allocLength[a] = length;
      allocWeight[a] = weight;
    }
    double[] allocCumulative = cumulative(allocWeight);

    long[] his = new long[count];
    long[] los = new long[count];
    int[] lengthOf = new int[count];
    int[] hops = new int[count];
    record Key(long hi, long lo, int length) {}
    Set<Key> seen = new HashSet<>(2 * count);
    int n = 0;
    while (n < count) {
      int length = lengths.pick(random);
      long hi;
      long lo = 0;
      if (length <= 32) {
        hi = rirLocation(random);
      } else {
        int a = pick(allocCumulative, random);
        if (allocLength[a] >= length) {
          continue;
        }
        hi = allocHi[a] | (random.nextLong() & hostMask64(allocLength[a]));
        lo = random.nextLong();
      }
      hi &= ~hostMask64(length);
      lo &= length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
      if (!seen.add(new Key(hi, lo, length))) {
        continue;
      }
      his[n] = hi;
      los[n] = lo;
      lengthOf[n] = length;
      hops[n] = 1 + peers.pick(random);
      n++;
    }
    return new Ipv6Routes(his, los, lengthOf, hops);
  }

  /**
   * Destinations that all hit a route: a random route (uniformly among routes, so /24s
   * dominate), then random host bits. The harsh case for lookups: every one goes as deep as its
   * route.
   */
  public static int[] routedDestinations(Ipv4Routes routes, long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int r = random.nextInt(routes.size());
      out[i] = routes.prefixes()[r] | (random.nextInt() & hostMask(routes.lengths()[r]));
    }
    return out;
  }

  /**
   * IPv6 destinations inside random routes, as {@code hi, lo} pairs ({@code 2n} longs), the
   * layout {@link Ipv6Fib#lookup(long[], int[], int)} takes.
   */
  public static long[] routedDestinations(Ipv6Routes routes, long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] out = new long[2 * n];
    for (int i = 0; i < n; i++) {
      int r = random.nextInt(routes.size());
      int length = routes.lengths()[r];
      out[2 * i] = routes.his()[r] | (random.nextLong() & hostMask64(length));
      long loHost = length <= 64 ? -1L : length == 128 ? 0 : -1L >>> (length - 64);
      out[2 * i + 1] = routes.los()[r] | (random.nextLong() & loHost);
    }
    return out;
  }

  /** Per /16, how likely a route is to fall in it. */
  private static double[] sixteenWeights(SplittableRandom random) {
    double[] weights = new double[65536];
    for (int eight = 1; eight <= 223; eight++) {
      if (eight == 10 || eight == 127) {
        continue;
      }
      double density = random.nextInt(100) < 8 ? 0.05 : 0.3 + 1.2 * random.nextDouble();
      for (int s = 0; s < 256; s++) {
        if (random.nextInt(7) != 0) {
          weights[eight << 8 | s] = density * pareto(random);
        }
      }
    }
    return cumulative(weights);
  }

  /** Address space no operator announces to the Internet. */
  private static boolean reserved(int prefix, int length) {
    return overlaps(prefix, length, 0x6440_0000, 10) // 100.64/10, shared address space
        || overlaps(prefix, length, 0xA9FE_0000, 16) // 169.254/16, link-local
        || overlaps(prefix, length, 0xAC10_0000, 12) // 172.16/12, private
        || overlaps(prefix, length, 0xC0A8_0000, 16) // 192.168/16, private
        || overlaps(prefix, length, 0xC612_0000, 15); // 198.18/15, benchmarking
  }

  private static boolean overlaps(int prefix, int length, int block, int blockLength) {
    int common = Math.min(length, blockLength);
    int mask = ~hostMask(common);
    return (prefix & mask) == (block & mask);
  }

  /** A random spot in one of the RIRs' blocks, the busy /16s first. */
  private static long rirLocation(SplittableRandom random) {
    int r = random.nextInt(100);
    long block; // the /12 (or for 2001, its first /16)
    int spread; // how many /16s of the block see use
    if (r < 35) {
      block = 0x2a00;
      spread = 21;
    } else if (r < 57) {
      block = 0x2400;
      spread = 10;
    } else if (r < 77) {
      block = 0x2600;
      spread = 17;
    } else if (r < 87) {
      block = 0x2800;
      spread = 4;
    } else if (r < 90) {
      block = 0x2c0f;
      spread = 1;
    } else {
      block = 0x2001;
      spread = 1;
    }
    int busy = (int) (-Math.log(1 - random.nextDouble()) * spread / 3); // exponential
    int sixteen = (int) block + Math.min(spread - 1, busy);
    return (long) sixteen << 48 | random.nextLong() >>> 16;
  }

  private static double pareto(SplittableRandom random) {
    return Math.min(50, Math.pow(1 - random.nextDouble(), -1 / 1.5));
  }

  private static int hostMask(int length) {
    return length == 0 ? -1 : length == 32 ? 0 : -1 >>> length;
  }

  private static long hostMask64(int length) {
    return length == 0 ? -1L : length >= 64 ? 0 : -1L >>> length;
  }

  private static Weighted zipfPeers() {
    int[] weights = new int[PEERS];
    for (int k = 0; k < PEERS; k++) {
      weights[k] = 27720 / (k + 1); // 27720 = lcm(1..12)
    }
    return new Weighted(weights);
  }

  private static double[] cumulative(double[] weights) {
    double[] c = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      c[i] = sum;
    }
    return c;
  }

  /** An index drawn in proportion to the weights whose running sums are {@code cumulative}. */
  private static int pick(double[] cumulative, SplittableRandom random) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) { // the first running sum above x: zero weights are never picked
      int mid = (low + high) >>> 1;
      if (cumulative[mid] > x) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /** Integer weights, drawn from by index. */
  private record Weighted(int[] cumulative) {
    Weighted {
      int[] c = new int[cumulative.length];
      int sum = 0;
      for (int i = 0; i < c.length; i++) {
        sum += cumulative[i];
        c[i] = sum;
      }
      cumulative = c;
    }

    int pick(SplittableRandom random) {
      int x = random.nextInt(cumulative[cumulative.length - 1]);
      int low = 0;
      int high = cumulative.length - 1;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (cumulative[mid] > x) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return low;
    }
  }
}
