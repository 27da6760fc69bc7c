package io.outpost.dataplane.fib;

import static io.outpost.dataplane.fib.Ipv4FibTest.ip;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Readers racing the writer: a reader thread looks up keys while the writer publishes changes
 * around them (new subtrees, compactions, grown arrays). A key whose route changes must read as
 * one of the routes it had, never 0 or a neighbour's next hop; a key whose route never changes
 * must always read the same. Bounded: the writer does a fixed number of publishes and the reader
 * stops when it is done (or after a fixed number of rounds, whichever comes first).
 */
class FibConcurrencyTest {
  private static final int PUBLISHES = 20_000;

  @Test
  void ipv4ReadersSeeTheOldOrTheNewRoute() throws InterruptedException {
    Ipv4Fib fib = new Ipv4Fib();
    // 10.1.0.0/16 -> 1; 10.1.2.0/24 -> 2 or absent; 10.1.2.64/28 -> 3 or absent
    int watched = ip("10.1.2.77");
    int steady = ip("10.1.3.5"); // 10.1.3.0/24 -> 9, same chunk, never changes
    int far = ip("192.0.2.1"); // 192.0.2.0/24 -> 8, another chunk, never changes
    fib.insert(ip("10.1.0.0"), 16, 1);
    fib.insert(ip("10.1.3.0"), 24, 9);
    fib.insert(ip("192.0.2.0"), 24, 8);
    fib.publish();

    AtomicReference<String> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      SplittableRandom random = new SplittableRandom(1);
      for (int i = 0; i < PUBLISHES; i++) {
        if (random.nextBoolean()) {
          fib.insert(ip("10.1.2.0"), 24, 2);
        } else {
          fib.remove(ip("10.1.2.0"), 24);
        }
        if (random.nextBoolean()) {
          fib.insert(ip("10.1.2.64"), 28, 3);
        } else {
          fib.remove(ip("10.1.2.64"), 28);
        }
        if (i % 8 == 0) {
          // Churn elsewhere in the chunk (10.1.16.0 .. 10.1.63.255, never over the watched
          // keys) and in the table: garbage, grown arrays, compactions.
          int length = 20 + random.nextInt(13);
          int prefix = (ip("10.1.16.0") + random.nextInt(48 << 8)) & -1 << (32 - length);
          fib.insert(prefix, length, 4 + random.nextInt(4));
          fib.insert(random.nextInt() & 0xFFFF_FF00 | 0x0100_0000, 24, 5);
        }
        fib.publish();
      }
    }, "fib-writer");

    // Mostly the watched key, so that reads land inside the writer's short windows.
    int[] burst = new int[64];
    java.util.Arrays.fill(burst, watched);
    burst[21] = steady;
    burst[42] = far;
    int[] hops = new int[burst.length];
    writer.start();
    for (int round = 0; round < 5_000_000 && writer.isAlive() && failure.get() == null; round++) {
      int w = fib.lookup(watched);
      if (w < 1 || w > 3) {
        failure.set("watched key read " + w);
      }
      fib.lookup(burst, hops, burst.length);
      for (int i = 0; i < hops.length; i++) {
        int expectedLow = i == 21 ? 9 : i == 42 ? 8 : 1;
        int expectedHigh = i == 21 ? 9 : i == 42 ? 8 : 3;
        if (hops[i] < expectedLow || hops[i] > expectedHigh) {
          failure.set("burst read " + hops[i] + " for " + Ipv4Fib.text(burst[i], 32));
        }
      }
    }
    writer.join();
    assertNull(failure.get());
    assertTrue(fib.lookup(steady) == 9 && fib.lookup(far) == 8);
  }

  @Test
  void ipv6ReadersSeeTheOldOrTheNewRoute() throws InterruptedException {
    Ipv6Fib fib = new Ipv6Fib();
    long site = 0x2001_0db8_0001_0000L; // 2001:db8:1::/48
    fib.insert(0x2001_0db8_0000_0000L, 0, 32, 1);
    fib.insert(site | 0x2, 0, 64, 9); // 2001:db8:1:2::/64 -> 9, never changes
    fib.publish();

    AtomicReference<String> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      SplittableRandom random = new SplittableRandom(2);
      for (int i = 0; i < PUBLISHES; i++) {
        if (random.nextBoolean()) {
          fib.insert(site, 0, 48, 2);
        } else {
          fib.remove(site, 0, 48);
        }
        if (random.nextBoolean()) {
          fib.insert(site | 0x1, 0x8000_0000_0000_0000L, 65, 3);
        } else {
          fib.remove(site | 0x1, 0x8000_0000_0000_0000L, 65);
        }
        long other = 0x2001_0db8_0000_0000L | (random.nextLong() >>> 32) & 0xFFFE_FFFF_0000L;
        fib.insert(other, 0, 48, 4 + random.nextInt(4));
        fib.publish();
      }
    }, "fib-writer");

    long[] burst = {site | 0x1, -1L, site | 0x2, 7, site | 0x1, 1};
    int[] hops = new int[3];
    writer.start();
    for (int round = 0; round < 20_000_000 && writer.isAlive() && failure.get() == null; round++) {
      int w = fib.lookup(site | 0x1, -1L);
      if (w < 1 || w > 3) {
        failure.set("watched key read " + w);
      }
      fib.lookup(burst, hops, 3);
      if (hops[0] < 1 || hops[0] > 3 || hops[1] != 9 || hops[2] < 1 || hops[2] > 2) {
        failure.set("burst read " + java.util.Arrays.toString(hops));
      }
    }
    writer.join();
    assertNull(failure.get());
  }
}
