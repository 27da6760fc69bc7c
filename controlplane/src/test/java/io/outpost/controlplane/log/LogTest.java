package io.outpost.controlplane.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00.123Z"), ZoneOffset.UTC);

  @Test
  void oneLoggerPerComponent() {
    assertSame(Log.get("bgp"), Log.get("bgp"));
    assertEquals("bgp", Log.get("bgp").component());
  }

  @Test
  void eachLevelAndTheThrowableVariantsReachTheOutput() throws Exception {
    CapturedStdout stdout = new CapturedStdout();
    Log log = Log.get("nat");
    try (LogService _ = LogService.install(LogSettings.stdoutOnly(LogFormat.LOGFMT, LogLevel.DEBUG), stdout.stream, CLOCK, "h")) {
      RuntimeException failure = new RuntimeException("x");
      log.debug("d", "k", 1);
      log.info("i", failure);
      log.warn("w", failure, "k", 2);
      log.error("e", "k", failure);
      log.log(LogLevel.ERROR, "dynamic", null, "k", 3);
    }
    var lines = stdout.lines().stream().map(LogfmtReader::parse).toList();
    assertEquals(5, lines.size());
    assertEquals(Map.of("level", "debug", "msg", "d", "k", "1"), subset(lines.get(0), "level", "msg", "k"));
    assertEquals("java.lang.RuntimeException: x", lines.get(1).get("error"), "a lone throwable is the error, not a key");
    assertEquals("2", lines.get(2).get("k"));
    assertEquals("java.lang.RuntimeException: x", lines.get(2).get("error"));
    assertEquals("java.lang.RuntimeException: x", lines.get(3).get("k"), "a throwable in value position is a value");
    assertTrue(!lines.get(3).containsKey("stack"));
    assertEquals(Map.of("level", "error", "msg", "dynamic", "k", "3"), subset(lines.get(4), "level", "msg", "k"));
  }

  private static Map<String, String> subset(Map<String, String> line, String... keys) {
    return java.util.Arrays.stream(keys).collect(java.util.stream.Collectors.toMap(k -> k, line::get));
  }
}
