package io.outpost.bgp.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.Family;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The warm-up over real loopback sessions between three of our speakers. */
class SpeakerWarmUpTest {
  private record Key(Family family, long hi, long lo, int length) {}

  @Test
  void theTransitSpeakerTakesTheWholeTableAndEndsWithNothing() {
    Map<Key, Boolean> best = new HashMap<>();
    int[] changes = {0};
    SpeakerWarmUp.Result result = SpeakerWarmUp.run(2001, 499,
        (family, hi, lo, length, route, multipath) -> {
          changes[0]++;
          best.put(new Key(family, hi, lo, length), route != null);
        }, Duration.ofSeconds(30));

    assertTrue(result.completed(), () -> "stopped early: " + result.why());
    assertNull(result.why());
    assertEquals(2500, result.prefixes());
    assertEquals(2500, best.size(), "every prefix of the table had a best path once");
    assertFalse(best.containsValue(true), "the upstream's end took every route away again");
    // Each prefix came (1) and went at the end (1); a quarter were withdrawn in between and a
    // quarter changed (1 more each; the withdrawn ones then have nothing left to lose at the end).
    assertEquals(2500 * 2 + 2500 / 4, changes[0]);
  }

  @Test
  void theTableHasDistinctPrefixesOfBothFamiliesWithSharedAttributeSets() {
    WarmUpTable table = new WarmUpTable(10_000, 2_000, 42);
    Set<Key> prefixes = new HashSet<>();
    Set<PathAttributes> sets = new HashSet<>();
    int[] perFamily = new int[2];
    table.forEach(0, 1, false, (family, hi, lo, length, a) -> {
      prefixes.add(new Key(family, hi, lo, length));
      sets.add(a);
      perFamily[family == Family.IPV4_UNICAST ? 0 : 1]++;
    });
    assertEquals(12_000, prefixes.size(), "no prefix twice");
    assertEquals(List.of(10_000, 2_000), List.of(perFamily[0], perFamily[1]));
    assertTrue(sets.size() > 2_000 && sets.size() < 4_000,
        "about one attribute set per four prefixes: " + sets.size());
  }

  @Test
  void aSpentBudgetEndsTheWarmUpWithAReasonNotAnError() {
    SpeakerWarmUp.Result result = SpeakerWarmUp.run(100, 10, null, Duration.ZERO);
    assertFalse(result.completed());
    assertTrue(result.why() != null && !result.why().isEmpty());
  }
}
