package io.outpost.controlplane.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs through UDP and TCP targets into a real rsyslogd and checks every RFC 5424 field as
 * rsyslog parsed it: the proof that what we send is RFC 5424 the way a real receiver reads it,
 * not only the way our own tests read it.
 */
@Tag("lab")
class RsyslogIntegrationTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00.123Z"), ZoneOffset.UTC);
  private static final String PID = String.valueOf(ProcessHandle.current().pid());

  @Test
  void rsyslogParsesEveryFieldAsIntended(@TempDir Path directory) throws Exception {
    List<Map<String, Object>> received;
    try (RsyslogProcess rsyslog = RsyslogProcess.start(directory)) {
      LogSettings settings = new LogSettings(LogFormat.JSON, LogLevel.ERROR, List.of(
          new SyslogTarget("127.0.0.1", rsyslog.udpPort, SyslogTransport.UDP, SyslogFacility.LOCAL3, LogLevel.DEBUG),
          new SyslogTarget("localhost", rsyslog.tcpPort, SyslogTransport.TCP, SyslogFacility.DAEMON, LogLevel.INFO)));
      CapturedStdout stdout = new CapturedStdout();
      try (LogService service = LogService.install(settings, stdout.stream, CLOCK, "edge-1.lab")) {
        Log datastore = Log.get("datastore");
        datastore.info("commit complete", "seq", 1, "commit", 17, "user", "ro ot");
        datastore.warn("Grüße aus 東京", "seq", 2, "path", "C:\\tmp", "note", "line1\nline2", "quote", "say \"hi\"");
        datastore.debug("only for the UDP server", "seq", 3);
        datastore.error("commit failed", new IllegalStateException("disk full"), "seq", 4);
        Log.get("an-unusually-long-component-name-for-msgid").info("cut", "seq", 5);
        datastore.info("x".repeat(10_000), "seq", 6);
        service.setHostname("edge 2 zürich");
        datastore.info("renamed", "seq", 7);
        service.flush();

        assertEquals(Map.of(settings.targets().get(0), new SyslogCounters(7, 0),
            settings.targets().get(1), new SyslogCounters(6, 0)), service.counters());
      }
      received = rsyslog.awaitReceived(13, Duration.ofSeconds(10));
    }

    Map<String, Map<String, Object>> byInputAndSeq = new HashMap<>();
    for (Map<String, Object> message : received) {
      assertEquals("1", message.get("version"), message.toString());
      assertEquals("2026-11-25T10:00:00.123Z", message.get("timestamp"), message.toString());
      assertEquals("outpostd", message.get("app-name"), message.toString());
      assertEquals(PID, message.get("procid"), message.toString());
      assertEquals("-", message.get("structured-data"), message.toString());
      String msg = (String) message.get("msg");
      // The long message is cut before its seq field.
      String seq = msg.startsWith("xxx") ? "6" : msg.replaceAll("(?s).* seq=(\\d+).*", "$1");
      byInputAndSeq.put(message.get("input") + "/" + seq, message);
    }

    for (String input : List.of("imudp", "imtcp")) {
      boolean udp = input.equals("imudp");
      Map<String, Object> commit = byInputAndSeq.get(input + "/1");
      assertEquals(udp ? "158" : "30", commit.get("pri"), "local3.info / daemon.info");
      assertEquals("edge-1.lab", commit.get("hostname"));
      assertEquals("datastore", commit.get("msgid"));
      assertEquals("commit complete seq=1 commit=17 user=\"ro ot\"", commit.get("msg"));

      Map<String, Object> unicode = byInputAndSeq.get(input + "/2");
      assertEquals(udp ? "156" : "28", unicode.get("pri"), "local3.warning / daemon.warning");
      assertEquals("Grüße aus 東京 seq=2 path=\"C:\\\\tmp\" note=\"line1\\nline2\" quote=\"say \\\"hi\\\"\"",
          unicode.get("msg"));

      Map<String, Object> failure = byInputAndSeq.get(input + "/4");
      assertEquals(udp ? "155" : "27", failure.get("pri"), "local3.err / daemon.err");
      String failureMsg = (String) failure.get("msg");
      assertTrue(failureMsg.startsWith("commit failed seq=4 error=\"java.lang.IllegalStateException: disk full\""
          + " stack=\"java.lang.IllegalStateException: disk full\\n\\tat "), failureMsg);

      assertEquals("an-unusually-long-component-name", byInputAndSeq.get(input + "/5").get("msgid"), "MSGID is cut to 32");

      String header = "<" + (udp ? 158 : 30) + ">1 2026-11-25T10:00:00.123Z edge-1.lab outpostd " + PID + " datastore - ";
      int limit = udp ? UdpSyslogSender.MAX_DATAGRAM_OCTETS : TcpSyslogSender.MAX_MESSAGE_OCTETS;
      assertEquals("x".repeat(limit - header.length()), byInputAndSeq.get(input + "/6").get("msg"),
          "cut to " + limit + " octets by us (rsyslog would take 64k)");

      Map<String, Object> renamed = byInputAndSeq.get(input + "/7");
      assertEquals("edge_2_z_rich", renamed.get("hostname"), "HOSTNAME keeps to printable US-ASCII");
      assertEquals("renamed seq=7", renamed.get("msg"));
    }

    Map<String, Object> debug = byInputAndSeq.get("imudp/3");
    assertEquals("159", debug.get("pri"), "local3.debug");
    assertEquals("only for the UDP server seq=3", debug.get("msg"));
    assertFalse(byInputAndSeq.containsKey("imtcp/3"), "the TCP server asked for info and above");
  }
}
