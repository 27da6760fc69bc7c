package io.outpost.bgp.warmup;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.Family;
import java.util.SplittableRandom;

/**
 * The synthetic routes a warm-up originates: distinct prefixes of both families with the mix
 * of attributes a full table has, so that the warm-up takes the same branches of the decoder,
 * the interner and the decision process as a real table does. About one attribute set per
 * four prefixes; AS paths of one to five ASes, some of them 4-octet; a MED on a third of the
 * sets, communities on a quarter, large communities on a tenth. Deterministic for a seed.
 *
 * <p>IPv4 prefixes are /24s counted up from 1.0.0.0, and every twentieth a /16 to /23 in a /16
 * of its own from 128.0.0.0; IPv6 ones /48s from 2001:: and every twentieth a /32 to /44 in a
 * /32 of its own from 2400::. No two are the same prefix, up to {@link #MAX} of a family. The
 * routes never leave the warm-up's loopback sessions.
 */
final class WarmUpTable {
  /** Visits one route of the table. */
  interface Visitor {
    void route(Family family, long hi, long lo, int length, PathAttributes attributes);
  }

  /** The most prefixes of one family (the shorter IPv4 ones stay below 224.0.0.0). */
  static final int MAX = 400_000;

  private final int ipv4;
  private final int ipv6;
  private final long seed;

  WarmUpTable(int ipv4, int ipv6, long seed) {
    if (ipv4 < 0 || ipv6 < 0 || ipv4 > MAX || ipv6 > MAX) {
      throw new IllegalArgumentException("0 to " + MAX + " prefixes of a family");
    }
    this.ipv4 = ipv4;
    this.ipv6 = ipv6;
    this.seed = seed;
  }

  /**
   * Visits every {@code step}-th route from {@code first} on (0 and 1 for all), with its own
   * attributes, or with a variant of them (another MED) when {@code variant}.
   */
  void forEach(int first, int step, boolean variant, Visitor visitor) {
    SplittableRandom random = new SplittableRandom(seed);
    PathAttributes attributes = null;
    for (int i = 0; i < ipv4 + ipv6; i++) {
      if (attributes == null || random.nextInt(4) == 0) {
        attributes = attributes(random);
      }
      boolean v4 = i < ipv4;
      int n = v4 ? i : i - ipv4;
      boolean shorter = n % 20 == 0;
      int length = shorter ? (v4 ? 16 : 32) + random.nextInt(v4 ? 8 : 13) : (v4 ? 24 : 48);
      if (i % step != first) {
        continue;
      }
      PathAttributes a = variant ? attributes.toBuilder().med(1000 + n % 7).build() : attributes;
      int k = n / 20;
      if (v4) {
        long address = shorter ? (128L + (k >> 8)) << 24 | (long) (k & 0xff) << 16
            : (1L << 24) + ((long) n << 8);
        visitor.route(Family.IPV4_UNICAST, address & mask32(length), 0, length, a);
      } else {
        long hi = shorter ? 0x2400_0000_0000_0000L | (long) k << 32
            : 0x2001_0000_0000_0000L | (long) n << 16;
        visitor.route(Family.IPV6_UNICAST, hi & mask64(length), 0, length, a);
      }
    }
  }

  private static PathAttributes attributes(SplittableRandom random) {
    int hops = 1 + random.nextInt(5);
    long[] ases = new long[hops];
    for (int h = 0; h < hops; h++) {
      ases[h] = random.nextInt(3) == 0 ? 200_000 + random.nextInt(200_000)
          : 1 + random.nextInt(64_000);
    }
    PathAttributes.Builder b = PathAttributes.builder()
        .origin(random.nextInt(10) == 0 ? PathAttributes.ORIGIN_INCOMPLETE
            : PathAttributes.ORIGIN_IGP)
        .asPath(AsPath.sequence(ases));
    if (random.nextInt(3) == 0) {
      b.med(random.nextInt(500));
    }
    if (random.nextInt(4) == 0) {
      int[] communities = new int[1 + random.nextInt(3)];
      for (int c = 0; c < communities.length; c++) {
        communities[c] = (int) (ases[0] << 16) | random.nextInt(1000);
      }
      b.communities(communities);
    }
    if (random.nextInt(10) == 0) {
      b.largeCommunities(new int[] {(int) ases[0], 1, random.nextInt(100)});
    }
    return b.build();
  }

  private static long mask32(int length) {
    return length == 0 ? 0 : (0xffff_ffffL << (32 - length)) & 0xffff_ffffL;
  }

  private static long mask64(int length) {
    return length == 0 ? 0 : -1L << (64 - length);
  }
}
