package io.outpost.dataplane.fib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The FIBs' route walks (what the route programmer reads back instead of keeping a map of its
 * own) against a map kept beside them: every length, short routes and long, after inserts,
 * replacements and removals.
 */
class FibForEachTest {
  @Test
  void ipv4VisitsExactlyTheRoutesStagedWithTheirNextHops() {
    Ipv4Fib fib = new Ipv4Fib();
    Map<List<Long>, Integer> oracle = new HashMap<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      int length = random.nextInt(33);
      int prefix = length == 0 ? 0 : random.nextInt() & (int) (0xFFFF_FFFFL << (32 - length));
      List<Long> key = List.of(prefix & 0xFFFF_FFFFL, (long) length);
      if (random.nextInt(4) == 0) {
        fib.remove(prefix, length);
        oracle.remove(key);
      } else {
        int hop = 1 + random.nextInt(1000);
        fib.insert(prefix, length, hop);
        oracle.put(key, hop);
      }
    }
    Map<List<Long>, Integer> seen = new HashMap<>();
    fib.forEach((prefix, length, hop) ->
        seen.put(List.of(prefix & 0xFFFF_FFFFL, (long) length), hop));
    assertEquals(oracle, seen);
    assertEquals(oracle.size(), fib.size());
  }

  @Test
  void ipv6VisitsExactlyTheRoutesStagedWithTheirNextHops() {
    Ipv6Fib fib = new Ipv6Fib();
    Map<List<Long>, Integer> oracle = new HashMap<>();
    SplittableRandom random = new SplittableRandom(8);
    for (int i = 0; i < 20_000; i++) {
      int length = random.nextInt(129);
      long hi = random.nextLong() & ReferenceFib.maskHi(length);
      long lo = random.nextLong() & ReferenceFib.maskLo(length);
      List<Long> key = List.of(hi, lo, (long) length);
      if (random.nextInt(4) == 0) {
        fib.remove(hi, lo, length);
        oracle.remove(key);
      } else {
        int hop = 1 + random.nextInt(1000);
        fib.insert(hi, lo, length, hop);
        oracle.put(key, hop);
      }
    }
    Map<List<Long>, Integer> seen = new HashMap<>();
    fib.forEach((hi, lo, length, hop) -> seen.put(List.of(hi, lo, (long) length), hop));
    assertEquals(oracle, seen);
    assertEquals(oracle.size(), fib.size());
  }
}
