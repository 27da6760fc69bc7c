package io.outpost.controlplane.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JulBridgeTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00.123Z"), ZoneOffset.UTC);

  @Test
  void mapsJulLevelsToOurs() {
    assertEquals(LogLevel.ERROR, JulBridge.level(Level.SEVERE));
    assertEquals(LogLevel.WARN, JulBridge.level(Level.WARNING));
    assertEquals(LogLevel.INFO, JulBridge.level(Level.INFO));
    assertEquals(LogLevel.DEBUG, JulBridge.level(Level.CONFIG));
    assertEquals(LogLevel.DEBUG, JulBridge.level(Level.FINE));
    assertEquals(LogLevel.DEBUG, JulBridge.level(Level.FINEST));
  }

  @Test
  void routesLibraryRecordsIntoOurOutputsAndGivesTheRootLoggerBack() throws Exception {
    Logger root = Logger.getLogger("");
    Handler[] handlersBefore = root.getHandlers();
    Level levelBefore = root.getLevel();
    Logger netty = Logger.getLogger("io.netty.channel.DefaultChannelPipeline");
    CapturedStdout stdout = new CapturedStdout();

    try (LogService service = LogService.install(LogSettings.stdoutOnly(LogFormat.JSON, LogLevel.DEBUG), stdout.stream, CLOCK, "edge-1")) {
      assertEquals(1, root.getHandlers().length, "ours is the only root handler");
      assertTrue(root.getHandlers()[0] instanceof JulBridge);
      netty.log(Level.WARNING, "An exceptionCaught() event was fired by {0}", "handler-7");
      netty.log(Level.FINE, "fine detail");
      netty.log(Level.FINEST, "trace detail, below a debug setting");
      netty.log(Level.SEVERE, "failed", new IllegalStateException("broken pipe"));

      service.prepare(LogSettings.stdoutOnly(LogFormat.JSON, LogLevel.WARN)).commit();
      assertEquals(Level.WARNING, root.getLevel(), "the root level follows the threshold");
      netty.info("not wanted any more");
    }

    List<Map<String, Object>> lines = stdout.lines().stream().map(JsonReader::parseObject).toList();
    assertEquals(3, lines.size(), lines.toString());
    assertEquals("warn", lines.get(0).get("level"));
    assertEquals("io.netty.channel.DefaultChannelPipeline", lines.get(0).get("component"));
    assertEquals("An exceptionCaught() event was fired by handler-7", lines.get(0).get("msg"));
    assertEquals("2026-11-25T10:00:00.123Z", lines.get(0).get("time"));
    assertEquals("debug", lines.get(1).get("level"));
    assertEquals("fine detail", lines.get(1).get("msg"));
    assertEquals("error", lines.get(2).get("level"));
    assertEquals("java.lang.IllegalStateException: broken pipe", lines.get(2).get("error"));
    assertTrue(((String) lines.get(2).get("stack")).contains("JulBridgeTest"));

    assertArrayEquals(handlersBefore, root.getHandlers());
    assertEquals(levelBefore, root.getLevel());
  }
}
