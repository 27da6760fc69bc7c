package io.outpost.bgp.attr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathAttributesTest {
  private static PathAttributes.Builder base() {
    return PathAttributes.builder().origin(PathAttributes.ORIGIN_EGP)
        .asPath(new int[] {65001}).nextHop(new byte[] {10, 0, 0, 2});
  }

  @Test
  void unsigned32BitValuesAndAbsenceReadBackAsSet() {
    PathAttributes none = base().build();
    assertEquals(-1, none.med());
    assertEquals(-1, none.localPref());
    assertFalse(none.atomicAggregate());
    for (long v : new long[] {0, 1, 100, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL}) {
      PathAttributes a = base().med(v).localPref(v).build();
      assertEquals(v, a.med());
      assertEquals(v, a.localPref());
      assertEquals(a, a.toBuilder().build());
    }
    assertNotEquals(base().med(0).build(), none, "a MED of 0 is not an absent MED");
    assertThrows(IllegalArgumentException.class, () -> base().med(0x1_0000_0000L).build());
    assertThrows(IllegalArgumentException.class, () -> base().localPref(-2).build());
    assertThrows(IllegalArgumentException.class, () -> base().origin(3).build());
  }

  @Test
  void theRareAttributesRoundTripAndTakePartInEquality() {
    PathAttributes plain = base().build();
    assertEquals(-1, plain.aggregatorAs());
    assertEquals(-1, plain.originatorId());
    assertEquals(0, plain.clusterList().length);
    assertEquals(0, plain.extendedCommunities().length);
    assertEquals(0, plain.unknownTransitive().length);
    PathAttributes rare = base().atomicAggregate(true).aggregator(64500, 0x0a000001)
        .extendedCommunities(new long[] {0x0002_fde9_0000_0064L}).originatorId(0x01020304L)
        .clusterList(new int[] {7}).unknownTransitive(new byte[] {(byte) 0xe0, 99, 0}).build();
    assertTrue(rare.atomicAggregate());
    assertEquals(64500, rare.aggregatorAs());
    assertEquals(0x0a000001, rare.aggregatorAddress());
    assertArrayEquals(new long[] {0x0002_fde9_0000_0064L}, rare.extendedCommunities());
    assertEquals(0x01020304L, rare.originatorId());
    assertArrayEquals(new int[] {7}, rare.clusterList());
    assertArrayEquals(new byte[] {(byte) 0xe0, 99, 0}, rare.unknownTransitive());
    PathAttributes again = rare.toBuilder().clusterList(new int[] {7}).build();
    assertEquals(rare, again, "equal arrays, not the same ones");
    assertEquals(rare.hashCode(), again.hashCode());
    assertNotEquals(rare, rare.toBuilder().clusterList(new int[] {8}).build());
    assertNotEquals(plain, base().originatorId(5).build());
    assertEquals(plain, base().originatorId(5).build().toBuilder().originatorId(-1).build(),
        "without its one rare attribute it is the plain set again");
  }
}
