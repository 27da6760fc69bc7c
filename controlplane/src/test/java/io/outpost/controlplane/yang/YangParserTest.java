package io.outpost.controlplane.yang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class YangParserTest {
  @Test
  void readsStatementsStringsAndComments() {
    YangStatement m = YangParser.parse("""
        module m { // comment
          /* block
             comment */
          prefix "p";
          description
            "first line
             second line";
          leaf x { type string { pattern 'a' + "b\\n"; } }
        }
        """, "m.yang");
    assertEquals("module", m.keyword());
    assertEquals("m", m.argument());
    assertEquals("p", m.childArgument("prefix").orElseThrow());
    assertEquals("first line\nsecond line", m.childArgument("description").orElseThrow());
    YangStatement pattern = m.child("leaf").orElseThrow().child("type").orElseThrow().child("pattern").orElseThrow();
    assertEquals("ab\n", pattern.argument());
    assertEquals(8, m.child("leaf").orElseThrow().line());
  }

  @Test
  void pointsAtTheLineOfAnError() {
    YangException e = assertThrows(YangException.class,
        () -> YangParser.parse("module m {\n  prefix p;\n  leaf x {\n", "m.yang"));
    assertTrue(e.getMessage().startsWith("m.yang:4:"), e.getMessage());
    assertThrows(YangException.class, () -> YangParser.parse("module m { description \"\\q\"; }", "m.yang"));
    assertThrows(YangException.class, () -> YangParser.parse("module m { prefix p }", "m.yang"));
  }
}
