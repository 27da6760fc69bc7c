package io.outpost.bgp.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final Family V4 = Family.IPV4_UNICAST;
  private static final Family V6 = Family.IPV6_UNICAST;
  private static final long TEN = 0x0a00_0000L; // 10.0.0.0
  private static final long DB8 = 0x2001_0db8_0000_0000L; // 2001:db8::

  private static PathAttributes attrs(long... path) {
    return PathAttributes.builder().origin(PathAttributes.ORIGIN_IGP)
        .asPath(AsPath.sequence(path)).communities(new int[] {Communities.parse("65002:7")})
        .build();
  }

  @Test
  void prefixListExactGeAndLe() {
    PrefixList exact = new PrefixList("p", List.of(PrefixList.Entry.of(V4, TEN, 0, 8, 0, 0, true)));
    assertTrue(exact.permits(V4, TEN, 0, 8));
    assertFalse(exact.permits(V4, TEN, 0, 9), "without ge/le only the exact length");
    assertFalse(exact.permits(V6, TEN, 0, 8), "another family never matches");

    PrefixList ge = new PrefixList("p", List.of(PrefixList.Entry.of(V4, TEN, 0, 8, 24, 0, true)));
    assertTrue(ge.permits(V4, TEN | 0x0101_00, 0, 24));
    assertTrue(ge.permits(V4, TEN | 0x0101_01, 0, 32), "ge alone runs to /32");
    assertFalse(ge.permits(V4, TEN, 0, 16));
    assertFalse(ge.permits(V4, 0x0b00_0000L, 0, 24), "11.0.0.0/24 is outside 10/8");

    PrefixList le = new PrefixList("p", List.of(
        PrefixList.Entry.of(V4, TEN | 0x0100_00, 0, 16, 0, 0, false),
        PrefixList.Entry.of(V4, TEN, 0, 8, 0, 16, true)));
    assertFalse(le.permits(V4, TEN | 0x0100_00, 0, 16), "the first matching entry decides");
    assertTrue(le.permits(V4, TEN | 0x0200_00, 0, 16));
    assertFalse(le.permits(V4, TEN | 0x0200_00, 0, 17), "le 16");

    PrefixList v6 = new PrefixList("p", List.of(PrefixList.Entry.of(V6, DB8, 0, 32, 48, 64, true)));
    assertTrue(v6.permits(V6, DB8 | 0x0001_0000L, 0, 48));
    assertFalse(v6.permits(V6, DB8, 0, 32));
    assertFalse(v6.permits(V6, 0x2001_0db9_0000_0000L, 0, 48));

    assertThrows(IllegalArgumentException.class, () -> PrefixList.Entry.of(V4, TEN, 0, 16, 8, 0, true),
        "ge below the prefix's own length");
    assertThrows(IllegalArgumentException.class, () -> PrefixList.Entry.of(V4, TEN, 0, 8, 24, 16, true));
  }

  @Test
  void defaultRouteEntryMatchesEverythingInRange() {
    PrefixList any = new PrefixList("p", List.of(PrefixList.Entry.of(V4, 0, 0, 0, 0, 24, true)));
    assertTrue(any.permits(V4, 0xc000_0200L, 0, 24));
    assertFalse(any.permits(V4, 0xc000_0200L, 0, 25));
  }

  @Test
  void asPathRegexUsesUnderscoreAsBoundary() {
    assertTrue(AsPathRegex.compile("^65002_").matches(AsPath.sequence(65002, 65010)));
    assertFalse(AsPathRegex.compile("^65002_").matches(AsPath.sequence(650020, 65010)));
    assertTrue(AsPathRegex.compile("_65010$").matches(AsPath.sequence(65002, 65010)));
    assertTrue(AsPathRegex.compile("_6501[0-9]_").matches(AsPath.sequence(65002, 65015, 65020)));
    assertTrue(AsPathRegex.compile("^$").matches(AsPath.EMPTY));
    assertFalse(AsPathRegex.compile("^$").matches(AsPath.sequence(1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AsPathRegex.compile("(65001"));
    assertTrue(e.getMessage().contains("not a regular expression"), e.getMessage());
  }

  @Test
  void termsDecideInOrderAndNextCarriesChanges() {
    Term tag = new Term("tag", List.of(Condition.asPath(List.of(AsPathRegex.compile("^65002_")))),
        List.of(Action.addCommunities(new int[] {Communities.parse("65001:1")}),
            Action.localPreference(200)), Term.Result.NEXT);
    Term dropNoExport = new Term("no-export",
        List.of(Condition.community(new int[] {Communities.NO_EXPORT})), List.of(), Term.Result.REJECT);
    Term acceptTagged = new Term("tagged",
        List.of(Condition.community(new int[] {Communities.parse("65001:1")})),
        List.of(Action.med(50), Action.prepend(65001, 2)), Term.Result.ACCEPT);
    Policy p = new Policy("in", List.of(tag, dropNoExport, acceptTagged), false);

    PathAttributes out = p.apply(V4, TEN, 0, 8, attrs(65002, 65010));
    assertEquals(200, out.localPref());
    assertEquals(50, out.med());
    assertArrayEquals(new int[] {Communities.parse("65002:7"), Communities.parse("65001:1")},
        out.communities());
    assertEquals("65001 65001 65002 65010", AsPath.toString(out.asPath()));

    assertNull(p.apply(V4, TEN, 0, 8, attrs(65003)), "no term decides: the default rejects");
    PathAttributes noExport = attrs(65002).toBuilder()
        .communities(new int[] {Communities.NO_EXPORT}).build();
    assertNull(p.apply(V4, TEN, 0, 8, noExport), "a reject term stops before the accept");
  }

  @Test
  void defaultAcceptKeepsAttributesUntouched() {
    PathAttributes a = attrs(65002);
    assertSame(a, new Policy("all", List.of(), true).apply(V4, TEN, 0, 8, a));
  }

  @Test
  void communityActions() {
    PathAttributes a = attrs(65002).toBuilder().communities(new int[] {1, 2, 3})
        .largeCommunities(new int[] {65001, 1, 1}).build();
    assertArrayEquals(new int[] {1, 3}, Action.removeCommunities(new int[] {2}).apply(a).communities());
    assertArrayEquals(new int[] {9}, Action.setCommunities(new int[] {9, 9}).apply(a).communities());
    assertArrayEquals(new int[] {}, Action.setCommunities(new int[] {}).apply(a).communities());
    assertArrayEquals(new int[] {65001, 1, 1, 65001, 2, 2},
        Action.addLargeCommunities(new int[] {65001, 1, 1, 65001, 2, 2}).apply(a).largeCommunities());
    assertTrue(Condition.largeCommunity(new int[] {65001, 1, 1}).test(V4, TEN, 0, 8, a));
    assertFalse(Condition.largeCommunity(new int[] {65001, 1, 2}).test(V4, TEN, 0, 8, a));
  }
}
