package io.outpost.controlplane.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineFormatterTest {

  private static final Instant TIME = Instant.parse("2026-11-25T10:00:00.123Z");

  private static String format(LogEvent event) {
    StringBuilder out = new StringBuilder();
    new JsonLineFormatter().format(event, out);
    return out.toString();
  }

  private static String format(String message, Object... keyValues) {
    return format(LogEvent.of(TIME, LogLevel.INFO, "datastore", message, null, keyValues));
  }

  @Test
  void writesOneObjectPerLineWithNumbersAndBooleansUnquoted() {
    assertEquals("{\"time\":\"2026-11-25T10:00:00.123Z\",\"level\":\"info\",\"component\":\"datastore\","
            + "\"msg\":\"commit complete\",\"commit\":17,\"user\":\"root\",\"confirmed\":false,"
            + "\"ratio\":0.25,\"big\":123456789012345678901234567890,\"note\":null}\n",
        format("commit complete", "commit", 17, "user", "root", "confirmed", false, "ratio", 0.25,
            "big", new BigInteger("123456789012345678901234567890"), "note", null));
  }

  @Test
  void trickyStringsRoundTrip() {
    String line = format("tricky", TrickyValues.asKeyValues());
    assertEquals(1, line.lines().count(), "one event, one line");
    Map<String, Object> parsed = JsonReader.parseObject(line);
    TrickyValues.all().forEach((key, value) -> assertEquals(value, parsed.get(key), key));
  }

  @Test
  void messageWithEveryTrickyCharacterRoundTrips() {
    for (String value : TrickyValues.all().values()) {
      assertEquals(value, JsonReader.parseObject(format(value)).get("msg"));
    }
  }

  @Test
  void valuesKeepTheirJsonTypes() {
    Map<String, Object> parsed = JsonReader.parseObject(format("m", "int", 7, "long", -9_000_000_000L,
        "double", 1.0e-7, "bool", true, "digits", "17", "nil", null, "list", List.of(1, 2)));
    assertEquals(new BigDecimal("7"), parsed.get("int"));
    assertEquals(new BigDecimal("-9000000000"), parsed.get("long"));
    assertEquals(0, new BigDecimal("1.0e-7").compareTo((BigDecimal) parsed.get("double")));
    assertEquals(Boolean.TRUE, parsed.get("bool"));
    assertEquals("17", parsed.get("digits"));
    assertTrue(parsed.containsKey("nil"));
    assertNull(parsed.get("nil"));
    assertEquals("[1, 2]", parsed.get("list"));
  }

  @Test
  void nonFiniteNumbersBecomeStrings() {
    Map<String, Object> parsed = JsonReader.parseObject(format("m", "nan", Double.NaN, "inf", Float.NEGATIVE_INFINITY));
    assertEquals("NaN", parsed.get("nan"));
    assertEquals("-Infinity", parsed.get("inf"));
  }

  @Test
  void throwableBecomesErrorAndStack() {
    String line = format(LogEvent.of(TIME, LogLevel.ERROR, "bgp", "session reset",
        new java.io.UncheckedIOException("read failed", new java.io.IOException("reset by peer")), "peer", "192.0.2.1"));
    Map<String, Object> parsed = JsonReader.parseObject(line);
    assertEquals(List.of("time", "level", "component", "msg", "peer", "error", "stack"), List.copyOf(parsed.keySet()));
    assertEquals("java.io.UncheckedIOException: read failed", parsed.get("error"));
    String stack = (String) parsed.get("stack");
    assertTrue(stack.startsWith("java.io.UncheckedIOException: read failed\n\tat "), stack);
    assertTrue(stack.contains("Caused by: java.io.IOException: reset by peer"), stack);
  }

  @Test
  void reservedKeysAreNotDuplicated() {
    Map<String, Object> parsed = JsonReader.parseObject(format("real", "msg", "fake", "time", 1));
    assertEquals("real", parsed.get("msg"));
    assertEquals("fake", parsed.get("_msg"));
    assertEquals(new BigDecimal("1"), parsed.get("_time"));
  }
}
