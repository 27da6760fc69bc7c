package io.outpost.bgp.attr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AttributeInternerTest {
  private static PathAttributes set(int med, int firstAs) {
    return PathAttributes.builder().origin(PathAttributes.ORIGIN_IGP)
        .asPath(new int[] {firstAs, 65001}).nextHop(new byte[] {10, 0, 0, 2}).med(med).build();
  }

  @Test
  void equalSetsShareOneInstanceUntilTheLastReferenceGoes() {
    AttributeInterner interner = new AttributeInterner();
    PathAttributes first = interner.intern(set(5, 64500));
    PathAttributes again = interner.intern(set(5, 64500));
    assertSame(first, again);
    assertEquals(1, interner.size());
    interner.release(first);
    assertEquals(1, interner.size(), "one reference is left");
    interner.release(again);
    assertEquals(0, interner.size());
    PathAttributes later = set(5, 64500);
    assertSame(later, interner.intern(later), "a forgotten set is not handed out again");
  }

  /** Random interns and releases through growth and removal, against counts kept in a map. */
  @Test
  void matchesAReferenceCountingOracle() {
    SplittableRandom random = new SplittableRandom(7);
    AttributeInterner interner = new AttributeInterner();
    Map<PathAttributes, PathAttributes> shared = new HashMap<>();
    Map<PathAttributes, Integer> counts = new HashMap<>();
    for (int step = 0; step < 300_000; step++) {
      // Few distinct sets, so that probe chains collide and removals shift entries.
      PathAttributes a = set(random.nextInt(2_000), 64_500 + random.nextInt(8));
      PathAttributes held = shared.get(a);
      if (held != null && random.nextInt(5) < 2) {
        interner.release(held);
        if (counts.merge(held, -1, Integer::sum) == 0) {
          counts.remove(held);
          shared.remove(held);
        }
      } else {
        PathAttributes got = interner.intern(a);
        if (held == null) {
          assertSame(a, got, "a new set is kept as it came");
          shared.put(a, a);
        } else {
          assertSame(held, got, "an equal set gets the kept instance");
          assertNotSame(a, got);
        }
        counts.merge(got, 1, Integer::sum);
      }
      assertEquals(shared.size(), interner.size());
    }
    for (Map.Entry<PathAttributes, Integer> e : counts.entrySet()) {
      for (int i = 0; i < e.getValue(); i++) {
        interner.release(e.getKey());
      }
    }
    assertEquals(0, interner.size());
  }
}
