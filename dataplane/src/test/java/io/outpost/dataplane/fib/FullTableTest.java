package io.outpost.dataplane.fib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Full synthetic Internet tables (1M IPv4, 250k IPv6 routes) loaded, checked against the
 * reference, churned with route changes published in batches, and checked again; the IPv4
 * structure must stay under 64 MB. A few seconds each.
 */
class FullTableTest {
  @Test
  void aFullIpv4TableMatchesTheReferenceBeforeAndAfterChurn() {
    SyntheticTable.Ipv4Routes routes = SyntheticTable.ipv4(42, SyntheticTable.FULL_IPV4);
    Ipv4Fib fib = new Ipv4Fib();
    ReferenceFib reference = ReferenceFib.ipv4();
    for (int i = 0; i < routes.size(); i++) {
      fib.insert(routes.prefixes()[i], routes.lengths()[i], routes.nextHops()[i]);
      reference.insert((long) routes.prefixes()[i] << 32, 0, routes.lengths()[i],
          routes.nextHops()[i]);
    }
    fib.publish();
    assertEquals(SyntheticTable.FULL_IPV4, fib.size());
    assertTrue(fib.memoryBytes() < 64 << 20, "memory " + fib.memoryBytes());
    check(fib, reference, routes, 1);

    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      int r = random.nextInt(routes.size());
      int prefix = routes.prefixes()[r];
      int length = routes.lengths()[r];
      if (random.nextInt(3) == 0) {
        assertEquals(reference.remove((long) prefix << 32, 0, length), fib.remove(prefix, length));
      } else {
        int hop = 1 + random.nextInt(SyntheticTable.PEERS);
        assertEquals(reference.insert((long) prefix << 32, 0, length, hop),
            fib.insert(prefix, length, hop));
      }
      if (i % 100 == 99) {
        fib.publish();
      }
    }
    fib.publish();
    assertEquals(reference.size(), fib.size());
    assertTrue(fib.memoryBytes() < 64 << 20, "memory " + fib.memoryBytes());
    check(fib, reference, routes, 2);
  }

  @Test
  void aFullIpv6TableMatchesTheReferenceBeforeAndAfterChurn() {
    SyntheticTable.Ipv6Routes routes = SyntheticTable.ipv6(42, SyntheticTable.FULL_IPV6);
    Ipv6Fib fib = new Ipv6Fib();
    ReferenceFib reference = ReferenceFib.ipv6();
    for (int i = 0; i < routes.size(); i++) {
      fib.insert(routes.his()[i], routes.los()[i], routes.lengths()[i], routes.nextHops()[i]);
      reference.insert(routes.his()[i], routes.los()[i], routes.lengths()[i],
          routes.nextHops()[i]);
    }
    fib.publish();
    assertEquals(SyntheticTable.FULL_IPV6, fib.size());
    check(fib, reference, routes, 1);

    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      int r = random.nextInt(routes.size());
      long hi = routes.his()[r];
      long lo = routes.los()[r];
      int length = routes.lengths()[r];
      if (random.nextInt(3) == 0) {
        assertEquals(reference.remove(hi, lo, length), fib.remove(hi, lo, length));
      } else {
        int hop = 1 + random.nextInt(SyntheticTable.PEERS);
        assertEquals(reference.insert(hi, lo, length, hop), fib.insert(hi, lo, length, hop));
      }
      if (i % 100 == 99) {
        fib.publish();
      }
    }
    fib.publish();
    assertEquals(reference.size(), fib.size());
    check(fib, reference, routes, 2);
  }

  private static void check(Ipv4Fib fib, ReferenceFib reference,
      SyntheticTable.Ipv4Routes routes, long seed) {
    int n = 1 << 16;
    int[] addresses = SyntheticTable.routedDestinations(routes, seed, n);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i += 2) {
      addresses[i] = random.nextInt(); // half uniform over all of 2^32
    }
    int[] hops = new int[n];
    fib.lookup(addresses, hops, n);
    for (int i = 0; i < n; i++) {
      int expected = reference.lookup4(addresses[i]);
      if (hops[i] != expected || fib.lookup(addresses[i]) != expected) {
        throw new AssertionError(Ipv4Fib.text(addresses[i], 32) + ": expected " + expected
            + ", burst " + hops[i] + ", single " + fib.lookup(addresses[i]));
      }
    }
  }

  private static void check(Ipv6Fib fib, ReferenceFib reference,
      SyntheticTable.Ipv6Routes routes, long seed) {
    int n = 1 << 15;
    long[] addresses = SyntheticTable.routedDestinations(routes, seed, n);
    int[] hops = new int[n];
    fib.lookup(addresses, hops, n);
    for (int i = 0; i < n; i++) {
      long hi = addresses[2 * i];
      long lo = addresses[2 * i + 1];
      int expected = reference.lookup(hi, lo);
      if (hops[i] != expected || fib.lookup(hi, lo) != expected) {
        throw new AssertionError(Ipv6Fib.text(hi, lo, 128) + ": expected " + expected
            + ", burst " + hops[i] + ", single " + fib.lookup(hi, lo));
      }
    }
  }
}
