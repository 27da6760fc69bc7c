package io.outpost.controlplane.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogfmtLineFormatterTest {

  private static final Instant TIME = Instant.parse("2026-11-25T10:00:00.123Z");

  private static String format(LogEvent event) {
    StringBuilder out = new StringBuilder();
    new LogfmtLineFormatter().format(event, out);
    return out.toString();
  }

  private static String format(String message, Object... keyValues) {
    return format(LogEvent.of(TIME, LogLevel.INFO, "datastore", message, null, keyValues));
  }

  @Test
  void writesTheDocumentedLine() {
    assertEquals("time=2026-11-25T10:00:00.123Z level=info component=datastore msg=\"commit complete\""
            + " commit=17 user=root\n",
        format("commit complete", "commit", 17, "user", "root"));
  }

  @Test
  void timeAlwaysHasThreeFractionDigits() {
    String line = format(LogEvent.of(Instant.parse("2026-01-02T03:04:05Z"), LogLevel.WARN, "x", "m", null));
    assertTrue(line.startsWith("time=2026-01-02T03:04:05.000Z level=warn "), line);
  }

  @Test
  void quotesOnlyWhatNeedsQuoting() {
    assertEquals("time=2026-11-25T10:00:00.123Z level=info component=datastore msg=m"
            + " plain=abc path=/etc/x empty=\"\" space=\"a b\" eq=\"a=b\" quote=\"a\\\"b\""
            + " backslash=\"a\\\\b\" nl=\"a\\nb\" nul=\"\\u0000\" nil=null word=\"null\""
            + " n=-3 f=1.5 yes=true accent=é\n",
        format("m", "plain", "abc", "path", "/etc/x", "empty", "", "space", "a b", "eq", "a=b",
            "quote", "a\"b", "backslash", "a\\b", "nl", "a\nb", "nul", "\u0000", "nil", null,
            "word", "null", "n", -3, "f", 1.5, "yes", true, "accent", "é"));
  }

  @Test
  void trickyValuesRoundTrip() {
    String line = format("tricky", TrickyValues.asKeyValues());
    assertEquals(1, line.lines().count(), "one event, one line");
    Map<String, String> parsed = LogfmtReader.parse(line);
    TrickyValues.all().forEach((key, value) -> assertEquals(value, parsed.get(key), key));
    assertEquals("tricky", parsed.get("msg"));
  }

  @Test
  void nullAndTheStringNullStayDistinct() {
    Map<String, String> parsed = LogfmtReader.parse(format("m", "a", null, "b", "null"));
    assertTrue(parsed.containsKey("a"));
    assertNull(parsed.get("a"));
    assertEquals("null", parsed.get("b"));
  }

  @Test
  void messageWithEveryTrickyCharacterRoundTrips() {
    for (String value : TrickyValues.all().values()) {
      assertEquals(value, LogfmtReader.parse(format(value)).get("msg"));
    }
  }

  @Test
  void throwableBecomesErrorAndStackFieldsOnOneLine() {
    IOException cause = new IOException("disk \"full\"");
    String line = format(LogEvent.of(TIME, LogLevel.ERROR, "datastore", "commit failed", new IllegalStateException("no space", cause), "commit", 18));
    assertEquals(1, line.lines().count());
    Map<String, String> parsed = LogfmtReader.parse(line);
    assertEquals("java.lang.IllegalStateException: no space", parsed.get("error"));
    String stack = parsed.get("stack");
    assertTrue(stack.startsWith("java.lang.IllegalStateException: no space\n\tat "), stack);
    assertTrue(stack.contains("Caused by: java.io.IOException: disk \"full\""), stack);
    assertEquals("18", parsed.get("commit"));
  }

  @Test
  void keysAreMadeValidAndDoNotShadowTheEventsOwnFields() {
    String line = format("m", "two words", 1, "a=b", 2, "", 3, "msg", 4, "level", 5, 42, "numeric key", "q\"k", 6);
    assertEquals("time=2026-11-25T10:00:00.123Z level=info component=datastore msg=m"
        + " two_words=1 a_b=2 _=3 _msg=4 _level=5 42=\"numeric key\" q_k=6\n", line);
  }

  @Test
  void anUnpairedTrailingValueIsKept() {
    assertEquals("lost?", LogfmtReader.parse(format("m", "a", 1, "lost?")).get(LogEvent.UNPAIRED_KEY));
  }

  @Test
  void aFailingToStringDoesNotEscape() {
    Object hostile = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("boom");
      }
    };
    String value = LogfmtReader.parse(format("m", "v", hostile)).get("v");
    assertTrue(value.startsWith("<toString() of ") && value.contains("boom"), value);
  }
}
