package io.outpost.dataplane.fib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Ipv6Fib} against {@link ReferenceFib}: the places where 128 bits differ from 32 (the
 * stride that ends at bit 64, the last stride's four bits, /0 and /128), then random histories.
 */
class Ipv6FibTest {
  private static final long DOC = 0x2001_0db8_0000_0000L; // 2001:db8::/32

  private final Ipv6Fib fib = new Ipv6Fib();

  @Test
  void defaultAndHostRoutes() {
    fib.insert(0, 0, 0, 1);
    fib.insert(DOC, 1, 128, 2);
    fib.insert(-1L, -1L, 128, 3);
    fib.insert(DOC, 0, 32, 4);
    fib.publish();
    assertEquals(2, fib.lookup(DOC, 1));
    assertEquals(4, fib.lookup(DOC, 0));
    assertEquals(4, fib.lookup(DOC, 2));
    assertEquals(3, fib.lookup(-1L, -1L));
    assertEquals(1, fib.lookup(-1L, -2L));
    assertEquals(1, fib.lookup(0, 0));
    fib.remove(0, 0, 0);
    fib.publish();
    assertEquals(0, fib.lookup(-1L, -2L));
    assertEquals(3, fib.lookup(-1L, -1L));
  }

  @Test
  void everyLengthAroundTheMiddleOfTheAddress() {
    // Nested routes /56 .. /72 on one path; each must win exactly where it is the longest.
    long hi = DOC | 0x0001_0002_0300L;
    for (int length = 56; length <= 72; length++) {
      long h = hi & ReferenceFib.maskHi(length);
      long l = 0x8000_0000_0000_0000L & ReferenceFib.maskLo(length);
      fib.insert(h, l, length, length);
    }
    fib.publish();
    assertEquals(72, fib.lookup(hi, 0x80FF_0000_0000_0000L));
    assertEquals(64, fib.lookup(hi, 0x0000_0000_0000_0001L));
    assertEquals(63, fib.lookup(hi ^ 1, 0));
    assertEquals(56, fib.lookup(hi ^ 0x80, 0));
    assertEquals(0, fib.lookup(hi ^ 0x100, 0));
  }

  @Test
  void theLastStrideHoldsOnlyFourBits() {
    long lo = 0x1234_5678_9abc_def0L;
    fib.insert(DOC, lo, 124, 1);
    fib.insert(DOC, lo | 0x8, 125, 2);
    fib.insert(DOC, lo | 0xC, 126, 3);
    fib.insert(DOC, lo | 0xE, 127, 4);
    fib.insert(DOC, lo | 0xF, 128, 5);
    fib.insert(DOC, lo | 0x3, 128, 6);
    fib.publish();
    int[] expected = {1, 1, 1, 6, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 5};
    for (int x = 0; x < 16; x++) {
      assertEquals(expected[x], fib.lookup(DOC, lo | x), "lo ..." + Integer.toHexString(x));
    }
    assertEquals(0, fib.lookup(DOC, lo + 16));
  }

  @Test
  void shortRoutesCoverManyChunksAndLongerOnesWin() {
    fib.insert(0x2000_0000_0000_0000L, 0, 3, 1);
    fib.insert(0x2a00_0000_0000_0000L, 0, 12, 2);
    fib.insert(0x2a02_0000_0000_0000L, 0, 16, 3);
    fib.insert(0x2a02_1000_0000_0000L, 0, 20, 4);
    fib.publish();
    assertEquals(1, fib.lookup(0x3fff_0000_0000_0000L, 0));
    assertEquals(2, fib.lookup(0x2a0f_ffff_0000_0000L, 0));
    assertEquals(3, fib.lookup(0x2a02_0fff_0000_0000L, 0));
    assertEquals(4, fib.lookup(0x2a02_1fff_0000_0000L, 5));
    assertEquals(0, fib.lookup(0x4000_0000_0000_0000L, 0));
    fib.remove(0x2a02_0000_0000_0000L, 0, 16);
    fib.publish();
    assertEquals(2, fib.lookup(0x2a02_0fff_0000_0000L, 0));
    assertEquals(4, fib.lookup(0x2a02_1fff_0000_0000L, 5));
  }

  @Test
  void refusesHostBitsInEitherHalf() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fib.insert(DOC | 1, 0, 32, 1));
    assertEquals("host bits set in 2001:db8:0:1:0:0:0:0/32", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> fib.insert(DOC, 1, 64, 1));
    assertThrows(IllegalArgumentException.class, () -> fib.insert(DOC, 1, 127, 1));
    assertThrows(IllegalArgumentException.class, () -> fib.insert(DOC, 0, 129, 1));
    assertThrows(IllegalArgumentException.class, () -> fib.remove(1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> fib.insert(DOC, 0, 32, 0));
    fib.insert(DOC, 1, 128, 1);
    assertEquals(1, fib.route(DOC, 1, 128));
  }

  @Test
  void aBurstLooksUpLikeSingleLookups() {
    SyntheticTable.Ipv6Routes routes = SyntheticTable.ipv6(3, 20_000);
    for (int i = 0; i < routes.size(); i++) {
      fib.insert(routes.his()[i], routes.los()[i], routes.lengths()[i], routes.nextHops()[i]);
    }
    fib.publish();
    long[] addresses = SyntheticTable.routedDestinations(routes, 4, 1000);
    int[] hops = new int[1000];
    fib.lookup(addresses, hops, 1000);
    for (int i = 0; i < 1000; i++) {
      assertEquals(fib.lookup(addresses[2 * i], addresses[2 * i + 1]), hops[i]);
    }
  }

  /** As {@link Ipv4FibTest#randomHistoriesMatchTheReference}, over 128 bits. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void randomHistoriesMatchTheReference(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ReferenceFib reference = ReferenceFib.ipv6();
    long[][] hot = new long[4][];
    for (int h = 0; h < hot.length; h++) {
      hot[h] = new long[] {random.nextLong(), random.nextLong()};
    }
    hot[1][0] = hot[0][0] ^ 0x1_0000_0000_0000L; // a neighbouring chunk
    List<long[]> live = new ArrayList<>();
    for (int op = 0; op < 4000; op++) {
      if (!live.isEmpty() && random.nextInt(10) < 4) {
        long[] route = live.remove(random.nextInt(live.size()));
        int length = (int) route[2];
        assertEquals(reference.remove(route[0], route[1], length),
            fib.remove(route[0], route[1], length));
      } else {
        int r = random.nextInt(10);
        int length =
            r < 2 ? random.nextInt(17) : r < 7 ? 17 + random.nextInt(48) : 65 + random.nextInt(64);
        long[] base = hot[random.nextInt(hot.length)];
        int flip = 8 + random.nextInt(120); // randomise the bits from here on
        long hi = base[0] ^ (flip >= 64 ? 0 : random.nextLong() >>> flip);
        long lo = base[1] ^ (flip >= 64 ? random.nextLong() >>> (flip - 64) : random.nextLong());
        hi &= ReferenceFib.maskHi(length);
        lo &= ReferenceFib.maskLo(length);
        int hop = 1 + random.nextInt(random.nextInt(10) == 0 ? 65535 : 6);
        int previous = reference.insert(hi, lo, length, hop);
        assertEquals(previous, fib.insert(hi, lo, length, hop));
        if (previous == 0) {
          live.add(new long[] {hi, lo, length});
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

  static void check(Ipv6Fib fib, ReferenceFib reference, List<long[]> live, long[][] hot,
      SplittableRandom random, int probes) {
    for (int i = 0; i < probes; i++) {
      long hi;
      long lo;
      int kind = random.nextInt(4);
      if (kind == 0 || live.isEmpty()) {
        hi = random.nextLong();
        lo = random.nextLong();
      } else if (kind == 1) {
        long[] base = hot[random.nextInt(hot.length)];
        int flip = random.nextInt(128);
        hi = base[0] ^ (flip >= 64 ? 0 : random.nextLong() >>> flip);
        lo = base[1] ^ (flip >= 64 ? random.nextLong() >>> (flip - 64) : random.nextLong());
      } else {
        long[] route = live.get(random.nextInt(live.size()));
        int length = (int) route[2];
        long hostHi = ~ReferenceFib.maskHi(length);
        long hostLo = ~ReferenceFib.maskLo(length);
        hi = route[0] | (kind == 2 ? random.nextLong() & hostHi : hostHi);
        lo = route[1] | (kind == 2 ? random.nextLong() & hostLo : hostLo);
      }
      int expected = reference.lookup(hi, lo);
      int actual = fib.lookup(hi, lo);
      if (expected != actual) {
        throw new AssertionError("lookup " + Ipv6Fib.text(hi, lo, 128) + ": expected "
            + expected + ", got " + actual);
      }
    }
  }
}
