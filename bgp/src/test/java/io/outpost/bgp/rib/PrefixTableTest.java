package io.outpost.bgp.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PrefixTable} against a HashMap, in both key layouts and across the change between. */
class PrefixTableTest {
  private record Key(long hi, long lo, long meta) {}

  @Test
  void packedTableMatchesAMapThroughGrowthAndBackwardShiftRemoval() {
    check(new SplittableRandom(1), 0, PrefixTable.SEGMENT_SLOTS);
  }

  @Test
  void aKeyThatDoesNotPackTurnsTheTableWideAndKeepsEveryEntry() {
    check(new SplittableRandom(2), 0.01, PrefixTable.SEGMENT_SLOTS);
  }

  @Test
  void anIpv6TableIsWideFromItsFirstKey() {
    check(new SplittableRandom(3), 1, PrefixTable.SEGMENT_SLOTS);
  }

  /** Segments of 16 and 64 slots: hundreds of splits, and a directory doubled many times. */
  @Test
  void smallSegmentsSplitAndKeepEveryEntryInEveryLayout() {
    for (int slots : new int[] {16, 64}) {
      check(new SplittableRandom(4), 0, slots);
      check(new SplittableRandom(5), 0.01, slots);
      check(new SplittableRandom(6), 1, slots);
    }
  }

  @Test
  void aFullTableGrowsBySplittingAndFindsEveryKey() {
    PrefixTable<Integer> t = new PrefixTable<>();
    for (int i = 0; i < 1_000_000; i++) {
      t.put((long) i * 2654435761L & 0xffff_ffffL, 0, 24, i);
    }
    assertEquals(1_000_000, t.size());
    assertTrue(t.slots() > 1_000_000 * 4 / 3 && t.slots() < 1_000_000 * 8 / 3,
        "between three eighths and three quarters full: " + t);
    for (int i = 0; i < 1_000_000; i++) {
      assertEquals(i, t.get((long) i * 2654435761L & 0xffff_ffffL, 0, 24));
    }
    int[] visited = {0};
    t.forEach((hi, lo, meta, v) -> visited[0]++);
    assertEquals(1_000_000, visited[0]);
  }

  @Test
  void aTablePresizedPastOneSegmentStartsWithSeveral() {
    PrefixTable<Integer> t = new PrefixTable<>(100_000);
    int before = t.slots();
    assertTrue(before >= 100_000 * 4 / 3, t.toString());
    for (int i = 0; i < 100_000; i++) {
      t.put(i << 8, 0, 24, i);
    }
    assertEquals(100_000, t.size());
    assertTrue(t.slots() <= 2 * before, "at most a few splits: " + t + " from " + before);
  }

  @Test
  void aPresizedTableHoldsWhatItWasSizedForWithoutGrowingAndGrowsPastIt() {
    PrefixTable<Integer> t = new PrefixTable<>(1000);
    for (int i = 0; i < 1000; i++) {
      t.put(i << 8, 0, 24, i);
    }
    assertEquals("PrefixTable(1000 of 2048, packed)", t.toString(), "no growth up to 1000");
    for (int i = 1000; i < 2000; i++) {
      t.put(i << 8, 0, 24, i);
    }
    assertEquals(2000, t.size());
    for (int i = 0; i < 2000; i++) {
      assertEquals(i, t.get(i << 8, 0, 24));
    }
  }

  @Test
  void aReusedTableKeepsItsRoomWhileItIsUsedAndShrinksWhenItIsNot() {
    for (long lo : new long[] {0, 1}) { // packed, and wide (the layout stays)
      String layout = lo == 0 ? "packed" : "wide";
      PrefixTable<Integer> t = new PrefixTable<>();
      for (int i = 0; i < 100_000; i++) {
        t.put(i << 8, lo, 24, i);
      }
      int slots = t.slots();
      t.reuse();
      assertEquals("PrefixTable(0 of " + slots + ", " + layout + ")", t.toString(), "kept");
      assertNull(t.get(5 << 8, lo, 24), "empty");
      for (int i = 0; i < 1_000; i++) {
        t.put(i << 8, lo, 24, -i);
      }
      assertEquals(-7, t.get(7 << 8, lo, 24));
      assertEquals(1_000, t.size());
      t.reuse();
      assertEquals("PrefixTable(0 of 2048, " + layout + ")", t.toString(),
          "shrunk to what a thousand need");
      t.put(1 << 8, lo, 24, 1);
      assertEquals(1, t.get(1 << 8, lo, 24));
      assertNull(t.get(2 << 8, lo, 24));
    }
  }

  @Test
  void keysThatDifferOnlyInTheLowWordOrALargePathIdStayApart() {
    PrefixTable<String> t = new PrefixTable<>();
    t.put(0x0a000000L, 0, 8, "v4");
    t.put(0x0a000000L, 1, 8, "low word");
    t.put(0x0a000000L, 0, (1L << 32) << 8 | 8, "path id 2^32");
    t.put(0x0a000000L, 0, 7L << 8 | 8, "path id 7");
    assertEquals("v4", t.get(0x0a000000L, 0, 8));
    assertEquals("low word", t.get(0x0a000000L, 1, 8));
    assertEquals("path id 2^32", t.get(0x0a000000L, 0, (1L << 32) << 8 | 8));
    assertEquals("path id 7", t.get(0x0a000000L, 0, 7L << 8 | 8));
    assertEquals(4, t.size());
    t.clear();
    assertEquals(0, t.size());
    assertNull(t.get(0x0a000000L, 0, 8));
    assertTrue(t.toString().endsWith("packed)"), t.toString());
  }

  /** Random puts and removes; {@code wideShare} of the keys do not pack. */
  private static void check(SplittableRandom random, double wideShare, int segmentSlots) {
    PrefixTable<Integer> table = new PrefixTable<>(0, segmentSlots);
    Map<Key, Integer> oracle = new HashMap<>();
    List<Key> seen = new java.util.ArrayList<>();
    for (int step = 0; step < 200_000; step++) {
      Key k;
      if (!seen.isEmpty() && random.nextInt(3) == 0) {
        k = seen.get(random.nextInt(seen.size()));
      } else {
        boolean wide = random.nextDouble() < wideShare;
        // Few distinct addresses so that probe chains collide and removals shift.
        long hi = wide ? random.nextLong() : random.nextInt(1 << 14);
        long lo = wide && random.nextBoolean() ? random.nextLong() : 0;
        long meta = random.nextInt(33);
        k = new Key(hi, lo, meta);
        seen.add(k);
      }
      if (random.nextInt(4) == 0) {
        assertEquals(oracle.remove(k), table.remove(k.hi, k.lo, k.meta), "remove " + k);
      } else if (random.nextBoolean()) {
        assertEquals(oracle.put(k, step), table.put(k.hi, k.lo, k.meta, step), "put " + k);
      } else {
        // The same through find: one probe, then the value set in place or the key inserted.
        Integer before = oracle.put(k, step);
        int at = table.find(k.hi, k.lo, k.meta);
        assertEquals(before != null, at >= 0, "find " + k);
        if (at >= 0) {
          assertEquals(before, table.valueAt(at));
          table.setAt(at, step);
        } else {
          table.insertAt(at, k.hi, k.lo, k.meta, step);
        }
      }
      assertEquals(oracle.size(), table.size());
    }
    for (Map.Entry<Key, Integer> e : oracle.entrySet()) {
      assertEquals(e.getValue(), table.get(e.getKey().hi, e.getKey().lo, e.getKey().meta));
    }
    Map<Key, Integer> visited = new HashMap<>();
    table.forEach((hi, lo, meta, v) -> visited.put(new Key(hi, lo, meta), v));
    assertEquals(oracle, visited);
    assertTrue(table.toString().endsWith(wideShare > 0 ? "wide)" : "packed)"), table.toString());
  }
}
