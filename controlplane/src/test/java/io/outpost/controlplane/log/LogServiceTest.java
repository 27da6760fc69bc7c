package io.outpost.controlplane.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogServiceTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00.123Z"), ZoneOffset.UTC);
  private static final String TIME = "2026-11-25T10:00:00.123Z";
  private static final long PID = ProcessHandle.current().pid();

  private final CapturedStdout stdout = new CapturedStdout();
  private final Log log = Log.get("datastore");
  private LogService service;

  @AfterEach
  void uninstall() {
    if (service != null) {
      service.close();
    }
  }

  private LogService install(LogSettings settings) throws LogConfigurationException {
    service = LogService.install(settings, stdout.stream, CLOCK, "edge-1");
    return service;
  }

  private static SyslogTarget udp(UdpReceiver receiver, SyslogFacility facility, LogLevel minimum) {
    return new SyslogTarget("127.0.0.1", receiver.port(), SyslogTransport.UDP, facility, minimum);
  }

  private static String text(byte[] datagram) {
    return new String(datagram, StandardCharsets.UTF_8);
  }

  @Test
  void writesStdoutInTheConfiguredFormatFromTheConfiguredLevel() throws Exception {
    install(LogSettings.stdoutOnly(LogFormat.LOGFMT, LogLevel.INFO));
    log.debug("not shown", "k", 1);
    log.info("commit complete", "commit", 17, "user", "root");
    assertEquals(List.of("time=" + TIME + " level=info component=datastore msg=\"commit complete\" commit=17 user=root"),
        stdout.lines());
    assertFalse(log.isEnabled(LogLevel.DEBUG));
    assertTrue(log.isEnabled(LogLevel.INFO));
  }

  @Test
  void aDisabledLevelRendersNothing() throws Exception {
    install(LogSettings.stdoutOnly(LogFormat.JSON, LogLevel.WARN));
    AtomicInteger rendered = new AtomicInteger();
    Object expensive = new Object() {
      @Override
      public String toString() {
        rendered.incrementAndGet();
        return "x";
      }
    };
    log.info("below the threshold", "value", expensive);
    log.warn("at the threshold", "value", expensive);
    assertEquals(1, rendered.get());
    assertEquals(1, stdout.lines().size());
  }

  @Test
  void aSyslogTargetCanWantMoreThanStdout() throws Exception {
    try (UdpReceiver receiver = new UdpReceiver()) {
      install(new LogSettings(LogFormat.LOGFMT, LogLevel.WARN,
          List.of(udp(receiver, SyslogFacility.LOCAL0, LogLevel.DEBUG))));
      assertTrue(log.isEnabled(LogLevel.DEBUG), "the threshold is the lowest level any output wants");
      log.debug("details", "step", 3);
      assertEquals("<135>1 " + TIME + " edge-1 outpostd " + PID + " datastore - details step=3", text(receiver.receive()));
      assertEquals(List.of(), stdout.lines());
    }
  }

  @Test
  void abortLeavesTheOldSettingsInForce() throws Exception {
    try (UdpReceiver oldServer = new UdpReceiver(); UdpReceiver newServer = new UdpReceiver()) {
      LogSettings old = new LogSettings(LogFormat.JSON, LogLevel.INFO, List.of(udp(oldServer, SyslogFacility.USER, LogLevel.INFO)));
      install(old);
      LogService.Prepared change = service.prepare(new LogSettings(LogFormat.LOGFMT, LogLevel.DEBUG,
          List.of(udp(newServer, SyslogFacility.LOCAL1, LogLevel.DEBUG))));
      log.info("during prepare");
      change.abort();
      log.info("after abort");
      log.debug("still below the threshold");

      assertEquals(old, service.settings());
      assertEquals(List.of("during prepare", "after abort"),
          stdout.lines().stream().map(line -> JsonReader.parseObject(line).get("msg")).toList());
      assertTrue(text(oldServer.receive()).endsWith("during prepare"));
      assertTrue(text(oldServer.receive()).endsWith("after abort"));
      assertFalse(newServer.receivesWithin(200), "the aborted target never received anything");
      assertEquals(Map.of(old.targets().getFirst(), new SyslogCounters(2, 0)), service.counters());
    }
  }

  @Test
  void commitSwapsTheSettingsAndRetiresUnusedSenders() throws Exception {
    try (UdpReceiver oldServer = new UdpReceiver(); UdpReceiver newServer = new UdpReceiver()) {
      install(new LogSettings(LogFormat.JSON, LogLevel.INFO, List.of(udp(oldServer, SyslogFacility.USER, LogLevel.INFO))));
      SyslogTarget newTarget = udp(newServer, SyslogFacility.LOCAL1, LogLevel.DEBUG);
      LogSettings next = new LogSettings(LogFormat.LOGFMT, LogLevel.DEBUG, List.of(newTarget));
      service.prepare(next).commit();
      log.debug("after commit");

      assertEquals(next, service.settings());
      assertEquals("time=" + TIME + " level=debug component=datastore msg=\"after commit\"", stdout.lastLine());
      assertEquals("<143>1 " + TIME + " edge-1 outpostd " + PID + " datastore - after commit", text(newServer.receive()));
      assertFalse(oldServer.receivesWithin(200), "the removed target gets nothing more");
      assertEquals(Map.of(newTarget, new SyslogCounters(1, 0)), service.counters());
    }
  }

  @Test
  void anEndpointThatStaysKeepsItsSenderAndCounters() throws Exception {
    try (UdpReceiver server = new UdpReceiver()) {
      install(new LogSettings(LogFormat.JSON, LogLevel.INFO, List.of(udp(server, SyslogFacility.USER, LogLevel.INFO))));
      log.info("one");
      log.info("two");
      SyslogTarget changed = udp(server, SyslogFacility.LOCAL7, LogLevel.WARN);
      service.prepare(new LogSettings(LogFormat.JSON, LogLevel.INFO, List.of(changed))).commit();
      log.info("not for this server any more");
      log.warn("three");

      assertTrue(text(server.receive()).startsWith("<14>1 "));
      assertTrue(text(server.receive()).startsWith("<14>1 "));
      assertEquals("<188>1 " + TIME + " edge-1 outpostd " + PID + " datastore - three", text(server.receive()));
      assertEquals(Map.of(changed, new SyslogCounters(3, 0)), service.counters());
    }
  }

  @Test
  void prepareNamesTheServerItCannotResolveAndChangesNothing() throws Exception {
    LogSettings initial = LogSettings.stdoutOnly(LogFormat.LOGFMT, LogLevel.INFO);
    install(initial);
    LogSettings unresolvable = new LogSettings(LogFormat.JSON, LogLevel.DEBUG, List.of(
        new SyslogTarget("127.0.0.1", 5514, SyslogTransport.UDP, SyslogFacility.USER, LogLevel.INFO),
        new SyslogTarget("logs.example.invalid", 514, SyslogTransport.TCP, SyslogFacility.USER, LogLevel.INFO)));

    LogConfigurationException e = assertThrows(LogConfigurationException.class, () -> service.prepare(unresolvable));
    assertTrue(e.getMessage().startsWith("syslog server \"logs.example.invalid\": cannot resolve host"), e.getMessage());
    assertEquals(initial, service.settings());
    service.prepare(LogSettings.stdoutOnly(LogFormat.JSON, LogLevel.INFO)).abort();
  }

  @Test
  void oneChangeAtATimeAndEachIsSettledOnce() throws Exception {
    install(LogSettings.stdoutOnly(LogFormat.LOGFMT, LogLevel.INFO));
    LogService.Prepared first = service.prepare(LogSettings.stdoutOnly(LogFormat.JSON, LogLevel.INFO));
    assertThrows(IllegalStateException.class, () -> service.prepare(LogSettings.stdoutOnly(LogFormat.JSON, LogLevel.DEBUG)));
    first.commit();
    assertThrows(IllegalStateException.class, first::commit);
    assertThrows(IllegalStateException.class, first::abort);
    LogService.Prepared second = service.prepare(LogSettings.stdoutOnly(LogFormat.LOGFMT, LogLevel.DEBUG));
    second.abort();
    assertThrows(IllegalStateException.class, second::commit);
    assertEquals(LogSettings.stdoutOnly(LogFormat.JSON, LogLevel.INFO), service.settings());
  }

  @Test
  void aNewHostnameAppliesToLaterMessages() throws Exception {
    try (UdpReceiver server = new UdpReceiver()) {
      install(new LogSettings(LogFormat.JSON, LogLevel.INFO, List.of(udp(server, SyslogFacility.DAEMON, LogLevel.INFO))));
      log.info("before");
      service.setHostname("edge 2 (renamed)");
      log.info("after");
      assertTrue(text(server.receive()).startsWith("<30>1 " + TIME + " edge-1 outpostd "));
      assertTrue(text(server.receive()).startsWith("<30>1 " + TIME + " edge_2_(renamed) outpostd "));
    }
  }

  @Test
  void closeDrainsTcpQueuesAndUninstalls() throws Exception {
    try (OctetCountingServer server = new OctetCountingServer()) {
      install(new LogSettings(LogFormat.LOGFMT, LogLevel.ERROR, List.of(
          new SyslogTarget("127.0.0.1", server.port(), SyslogTransport.TCP, SyslogFacility.LOCAL4, LogLevel.INFO))));
      for (int i = 0; i < 200; i++) {
        log.info("event", "n", i);
      }
      service.close();

      for (int i = 0; i < 200; i++) {
        assertTrue(server.next().message().endsWith(" datastore - event n=" + i));
      }
      assertFalse(log.isEnabled(LogLevel.DEBUG), "back to the before-install outputs");
      service = LogService.install(LogSettings.stdoutOnly(LogFormat.LOGFMT, LogLevel.DEBUG), stdout.stream, CLOCK, "edge-1");
      assertTrue(log.isEnabled(LogLevel.DEBUG), "a closed service can be replaced");
    }
  }

  @Test
  void installIsRefusedTwiceAndLeavesNothingBehindWhenItFails() throws Exception {
    LogSettings unresolvable = new LogSettings(LogFormat.LOGFMT, LogLevel.DEBUG, List.of(
        new SyslogTarget("logs.example.invalid", 514, SyslogTransport.UDP, SyslogFacility.USER, LogLevel.INFO)));
    assertThrows(LogConfigurationException.class, () -> install(unresolvable));
    assertFalse(log.isEnabled(LogLevel.DEBUG));

    install(LogSettings.stdoutOnly(LogFormat.LOGFMT, LogLevel.INFO));
    assertThrows(IllegalStateException.class,
        () -> LogService.install(LogSettings.stdoutOnly(LogFormat.JSON, LogLevel.INFO), stdout.stream, CLOCK, "x"));
  }

  @Test
  void settingsRejectAnEndpointListedTwice() {
    SyslogTarget a = new SyslogTarget("127.0.0.1", 514, SyslogTransport.UDP, SyslogFacility.USER, LogLevel.INFO);
    SyslogTarget b = new SyslogTarget("127.0.0.1", 514, SyslogTransport.UDP, SyslogFacility.LOCAL0, LogLevel.DEBUG);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LogSettings(LogFormat.JSON, LogLevel.INFO, List.of(a, b)));
    assertEquals("syslog server 127.0.0.1:514/udp is listed twice", e.getMessage());
  }
}
