package io.outpost.dataplane.fib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Ipv4Fib} against {@link ReferenceFib}: edge cases by hand, then random histories. */
class Ipv4FibTest {
  private final Ipv4Fib fib = new Ipv4Fib();

  static int ip(String dotted) {
    String[] p = dotted.split("\\.");
    return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16
        | Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]);
  }

  @Test
  void anEmptyTableHasNoRoute() {
    assertEquals(0, fib.lookup(ip("192.0.2.1")));
    assertEquals(0, fib.size());
    assertTrue(fib.memoryBytes() >= 4 << Ipv4Fib.DIRECT_BITS);
  }

  @Test
  void theDefaultRouteMatchesWhatNothingLongerDoes() {
    fib.insert(0, 0, 9);
    fib.insert(ip("10.1.2.0"), 24, 3);
    fib.publish();
    assertEquals(9, fib.lookup(0));
    assertEquals(9, fib.lookup(-1));
    assertEquals(9, fib.lookup(ip("10.1.3.0")));
    assertEquals(3, fib.lookup(ip("10.1.2.255")));
    fib.remove(0, 0);
    fib.publish();
    assertEquals(0, fib.lookup(ip("10.1.3.0")));
    assertEquals(3, fib.lookup(ip("10.1.2.0")));
  }

  @Test
  void hostRoutesWinOverTheirNeighbours() {
    fib.insert(ip("10.1.2.0"), 24, 1);
    fib.insert(ip("10.1.2.3"), 32, 2);
    fib.insert(ip("10.1.2.255"), 32, 3);
    fib.insert(ip("255.255.255.255"), 32, 4);
    fib.insert(ip("10.1.2.128"), 31, 5);
    fib.publish();
    assertEquals(1, fib.lookup(ip("10.1.2.2")));
    assertEquals(2, fib.lookup(ip("10.1.2.3")));
    assertEquals(1, fib.lookup(ip("10.1.2.4")));
    assertEquals(3, fib.lookup(ip("10.1.2.255")));
    assertEquals(5, fib.lookup(ip("10.1.2.128")));
    assertEquals(5, fib.lookup(ip("10.1.2.129")));
    assertEquals(1, fib.lookup(ip("10.1.2.130")));
    assertEquals(4, fib.lookup(-1));
    assertEquals(0, fib.lookup(ip("255.255.255.254")));
  }

  @Test
  void prefixesShorterThanTheDirectArrayCoverEveryChunkTheySpan() {
    fib.insert(ip("10.0.0.0"), 8, 1);
    fib.insert(ip("10.64.0.0"), 12, 2);
    fib.insert(ip("10.64.0.0"), 17, 3);
    fib.insert(ip("10.64.128.0"), 18, 4);
    fib.insert(ip("10.64.192.0"), 19, 5);
    fib.insert(ip("10.64.200.0"), 24, 6);
    fib.publish();
    assertEquals(1, fib.lookup(ip("10.0.0.1")));
    assertEquals(1, fib.lookup(ip("10.255.255.255")));
    assertEquals(2, fib.lookup(ip("10.79.255.255")));
    assertEquals(3, fib.lookup(ip("10.64.127.255")));
    assertEquals(4, fib.lookup(ip("10.64.128.0")));
    assertEquals(4, fib.lookup(ip("10.64.191.255")));
    assertEquals(5, fib.lookup(ip("10.64.192.0")));
    assertEquals(6, fib.lookup(ip("10.64.200.77")));
    assertEquals(5, fib.lookup(ip("10.64.201.0")));
    assertEquals(2, fib.lookup(ip("10.65.0.0")));
    assertEquals(0, fib.lookup(ip("11.0.0.0")));
  }

  @Test
  void removingACoveringPrefixUncoversOnlyWhatItCovered() {
    fib.insert(ip("172.16.0.0"), 12, 1);
    fib.insert(ip("172.20.0.0"), 16, 2);
    fib.insert(ip("172.20.5.0"), 24, 3);
    fib.insert(ip("172.20.5.64"), 26, 4);
    fib.publish();
    fib.remove(ip("172.20.0.0"), 16);
    fib.publish();
    assertEquals(1, fib.lookup(ip("172.20.0.1")));
    assertEquals(3, fib.lookup(ip("172.20.5.1")));
    assertEquals(4, fib.lookup(ip("172.20.5.65")));
    fib.remove(ip("172.20.5.0"), 24);
    fib.publish();
    assertEquals(1, fib.lookup(ip("172.20.5.1")));
    assertEquals(4, fib.lookup(ip("172.20.5.127")));
    fib.remove(ip("172.16.0.0"), 12);
    fib.publish();
    assertEquals(0, fib.lookup(ip("172.20.5.1")));
    assertEquals(4, fib.lookup(ip("172.20.5.64")));
    assertEquals(1, fib.size());
  }

  @Test
  void changesAreStagedUntilPublish() {
    fib.insert(ip("198.51.100.0"), 24, 7);
    assertEquals(0, fib.lookup(ip("198.51.100.1")));
    assertEquals(7, fib.route(ip("198.51.100.0"), 24));
    assertEquals(1, fib.size());
    fib.publish();
    assertEquals(7, fib.lookup(ip("198.51.100.1")));
    assertEquals(7, fib.insert(ip("198.51.100.0"), 24, 8));
    assertEquals(7, fib.lookup(ip("198.51.100.1")));
    fib.publish();
    assertEquals(8, fib.lookup(ip("198.51.100.1")));
    assertEquals(8, fib.remove(ip("198.51.100.0"), 24));
    assertEquals(0, fib.remove(ip("198.51.100.0"), 24));
    fib.publish();
    assertEquals(0, fib.lookup(ip("198.51.100.1")));
  }

  @Test
  void refusesHostBitsBadLengthsAndBadNextHops() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fib.insert(ip("10.0.0.1"), 8, 1));
    assertEquals("host bits set in 10.0.0.1/8", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> fib.insert(1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> fib.remove(ip("10.0.0.128"), 24));
    assertThrows(IllegalArgumentException.class, () -> fib.insert(0, 33, 1));
    assertThrows(IllegalArgumentException.class, () -> fib.insert(0, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> fib.insert(0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> fib.insert(0, 0, 65536));
    fib.insert(ip("10.0.0.1"), 32, 65535);
    fib.publish();
    assertEquals(65535, fib.lookup(ip("10.0.0.1")));
  }

  @Test
  void aBurstLooksUpLikeSingleLookups() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 2000; i++) {
      int length = 8 + random.nextInt(25);
      int prefix = random.nextInt() & (int) ReferenceFib.maskHi(length + 32);
      fib.insert(prefix, length, 1 + random.nextInt(9));
    }
    fib.publish();
    int[] addresses = random.ints(1000).toArray();
    int[] hops = new int[1000];
    fib.lookup(addresses, hops, 1000);
    for (int i = 0; i < 1000; i++) {
      assertEquals(fib.lookup(addresses[i]), hops[i]);
    }
  }

  @Test
  void garbageFromUpdatesIsReclaimedAndMemoryStaysBounded() {
    SyntheticTable.Ipv4Routes routes = SyntheticTable.ipv4(9, 20_000);
    ReferenceFib reference = ReferenceFib.ipv4();
    for (int i = 0; i < routes.size(); i++) {
      fib.insert(routes.prefixes()[i], routes.lengths()[i], routes.nextHops()[i]);
      reference.insert((long) routes.prefixes()[i] << 32, 0, routes.lengths()[i],
          routes.nextHops()[i]);
    }
    fib.publish();
    long loaded = fib.memoryBytes();
    SplittableRandom random = new SplittableRandom(9);
    long mostGarbage = 0;
    int reclaims = 0;
    for (int i = 0; i < 40_000; i++) {
      int r = random.nextInt(routes.size());
      int hop = 1 + random.nextInt(12);
      fib.insert(routes.prefixes()[r], routes.lengths()[r], hop);
      reference.insert((long) routes.prefixes()[r] << 32, 0, routes.lengths()[r], hop);
      long before = fib.garbageBytes();
      fib.publish();
      reclaims += fib.garbageBytes() < before ? 1 : 0;
      mostGarbage = Math.max(mostGarbage, fib.garbageBytes());
    }
    assertTrue(reclaims > 0, "garbage never reclaimed");
    assertTrue(mostGarbage < loaded, "garbage " + mostGarbage + " vs table " + loaded);
    assertTrue(fib.memoryBytes() < 2 * loaded, "memory " + fib.memoryBytes() + " from " + loaded);
    List<int[]> live = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      live.add(new int[] {routes.prefixes()[i], routes.lengths()[i]});
    }
    check(fib, reference, live, new int[] {0}, random, 20_000);
  }

  /**
   * Random histories of inserts, replacements and removals around a few hot spots (so routes
   * nest, overlap and straddle chunks), published at random points; after each publish, the
   * first, last and a random address of live routes and random ones must match the reference.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void randomHistoriesMatchTheReference(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ReferenceFib reference = ReferenceFib.ipv4();
    int[] hot = random.ints(5).toArray();
    hot[1] = hot[0] ^ 0x4000; // a neighbouring chunk
    List<int[]> live = new ArrayList<>();
    for (int op = 0; op < 4000; op++) {
      if (!live.isEmpty() && random.nextInt(10) < 4) {
        int[] route = live.remove(random.nextInt(live.size()));
        assertEquals(reference.remove((long) route[0] << 32, 0, route[1]),
            fib.remove(route[0], route[1]));
      } else {
        int length = random.nextInt(10) < 3 ? random.nextInt(19) : 19 + random.nextInt(14);
        int noise = random.nextInt() >>> (6 + random.nextInt(27));
        int address = hot[random.nextInt(hot.length)] ^ noise;
        int prefix = address & (int) ReferenceFib.maskHi(length + 32);
        int hop = 1 + random.nextInt(random.nextInt(10) == 0 ? 65535 : 6);
        int previous = reference.insert((long) prefix << 32, 0, length, hop);
        assertEquals(previous, fib.insert(prefix, length, hop));
        if (previous == 0) {
          live.add(new int[] {prefix, length});
        }
      }
      if (random.nextInt(30) == 0) {
        fib.publish();
        check(fib, reference, live, hot, random, 300);
      }
    }
    fib.publish();
    check(fib, reference, live, hot, random, 20_000);
    assertEquals(reference.size(), fib.size());
  }

  static void check(Ipv4Fib fib, ReferenceFib reference, List<int[]> live, int[] hot,
      SplittableRandom random, int probes) {
    for (int i = 0; i < probes; i++) {
      int address;
      int kind = random.nextInt(4);
      if (kind == 0 || live.isEmpty()) {
        address = random.nextInt();
      } else if (kind == 1) {
        address = hot[random.nextInt(hot.length)] ^ (random.nextInt() >>> random.nextInt(32));
      } else {
        int[] route = live.get(random.nextInt(live.size()));
        int host = route[1] == 32 ? 0 : -1 >>> route[1];
        address = route[0] | (kind == 2 ? random.nextInt() & host : host);
      }
      int expected = reference.lookup4(address);
      int actual = fib.lookup(address);
      if (expected != actual) {
        throw new AssertionError("lookup " + Ipv4Fib.text(address, 32) + ": expected "
            + expected + ", got " + actual);
      }
    }
  }
}
