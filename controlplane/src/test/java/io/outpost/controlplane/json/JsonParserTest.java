package io.outpost.controlplane.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.json.JsonValue.JsonNumber;
import io.outpost.controlplane.json.JsonValue.JsonObject;
import io.outpost.controlplane.json.JsonValue.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {
  @Test
  void roundTripsThroughBothWriters() throws Exception {
    String text = "{\"a\":[1,-2.5e3,\"x\\n\\u00e9\\ud83d\\ude00\",true,false,null],\"b\":{},\"c\":[]}";
    JsonValue v = JsonParser.parse(text);
    assertEquals(v, JsonParser.parse(JsonWriter.compact(v)));
    assertEquals(text.replace("\\u00e9", "\u00e9").replace("\\ud83d\\ude00", "\ud83d\ude00"),
        JsonWriter.compact(v));
    assertEquals(v, JsonParser.parse(JsonWriter.pretty(v)));
  }

  @Test
  void keepsMemberOrderAndNumberText() throws Exception {
    JsonObject o = (JsonObject) JsonParser.parse("{\"z\": 18446744073709551615, \"a\": 1.50}");
    assertEquals(java.util.List.of("z", "a"), java.util.List.copyOf(o.members().keySet()));
    assertEquals(new JsonNumber("18446744073709551615"), o.get("z"));
    assertEquals(new JsonNumber("1.50"), o.get("a"));
  }

  @Test
  void reportsLineAndColumn() {
    JsonSyntaxException e = assertThrows(JsonSyntaxException.class,
        () -> JsonParser.parse("{\n  \"a\": 1,\n  \"b\": tru\n}"));
    assertEquals(3, e.line());
    assertEquals(8, e.column());
  }

  @Test
  void refusesDuplicateMembers() {
    JsonSyntaxException e = assertThrows(JsonSyntaxException.class,
        () -> JsonParser.parse("{\"a\": 1, \"a\": 2}"));
    assertTrue(e.getMessage().contains("duplicate member name \"a\""), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"", "\"a", "[1] 2",
      "{'a':1}", "\"\\ud800\"", "nul", "\"tab\tinside\"", "// comment\n1"})
  void refusesWhatIsNotJson(String text) {
    assertThrows(JsonSyntaxException.class, () -> JsonParser.parse(text));
  }

  @Test
  void refusesNestingBeyondTheLimit() {
    String deep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);
    assertThrows(JsonSyntaxException.class, () -> JsonParser.parse(deep));
  }

  @Test
  void escapesControlCharactersAndLineSeparators() {
    assertEquals("\"a\\u0001\\u2028\\\"\\\\\"", JsonWriter.compact(new JsonString("a\u0001\u2028\"\\")));
  }
}
