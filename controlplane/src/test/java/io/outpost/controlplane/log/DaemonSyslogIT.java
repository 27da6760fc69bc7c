package io.outpost.controlplane.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.controlplane.testing.OutpostDaemon;
import io.outpost.lab.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging configured through the datastore, end to end: a commit of {@code system logging}
 * switches the daemon's stdout to JSON and sends its messages to a real rsyslogd over UDP and
 * TCP, stamped with the configured host name; a collector that does not resolve refuses the
 * commit. The daemon runs in the root namespace here, next to rsyslogd on loopback; its
 * configuration names no interface, so it touches nothing of the machine.
 */
@Tag("lab")
class DaemonSyslogIT {
  @Test
  void aCommitRoutesTheDaemonsLogsToSyslog(@TempDir Path dir) throws Exception {
    try (RsyslogProcess rsyslog = RsyslogProcess.start(dir.resolve("rsyslog"))) {
      Path state = dir.resolve("state");
      Path log = dir.resolve("outpostd.log");
      Process daemon = new ProcessBuilder(OutpostDaemon.home().resolve("bin/outpostd").toString(),
          "--state-dir", state.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        awaitLine(log, "outpostd ready");
        String cli = OutpostDaemon.home().resolve("bin/outpost").toString();
        String socket = state.resolve("outpost.sock").toString();
        ExecResult commit = OutpostDaemon.run(List.of(cli, "--socket", socket, "-c", "configure;"
            + " set system host-name syslog-test; set system logging format json;"
            + " set system logging syslog-server 127.0.0.1 port " + rsyslog.udpPort + " transport udp facility local3;"
            + " set system logging syslog-server localhost port " + rsyslog.tcpPort + " transport tcp;"
            + " commit comment \"logs to the collector\""));
        assertEquals(0, commit.exitCode(), commit.toString());

        List<Map<String, Object>> received = awaitCommitMessages(rsyslog, 2);
        for (Map<String, Object> m : received) {
          assertEquals("syslog-test", m.get("hostname"), m.toString());
          assertEquals("datastore", m.get("msgid"), m.toString());
        }
        // PRI = facility * 8 + severity: local3 (19) over UDP, the default local7 (23) over TCP, info (6)
        assertTrue(received.stream().anyMatch(m -> m.get("input").equals("imudp") && m.get("pri").equals("158")),
            received.toString());
        assertTrue(received.stream().anyMatch(m -> m.get("input").equals("imtcp") && m.get("pri").equals("190")),
            received.toString());
        String after = Files.readString(log);
        assertTrue(after.lines().anyMatch(l -> l.startsWith("{") && l.contains("\"msg\":\"commit complete\"")),
            "stdout switched to JSON lines:\n" + after);

        ExecResult refused = OutpostDaemon.run(List.of(cli, "--socket", socket, "-c",
            "configure; set system logging syslog-server logs.example.invalid; commit"));
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.stderr().contains("commit failed: system: system logging syslog-server"
            + " logs.example.invalid: syslog server \"logs.example.invalid\": cannot resolve host"), refused.stderr());

        daemon.destroy(); // SIGTERM
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, daemon.exitValue());
      } finally {
        daemon.destroyForcibly();
      }
    }
  }

  private static List<Map<String, Object>> awaitCommitMessages(RsyslogProcess rsyslog, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<Map<String, Object>> commits = List.of();
    while (deadline - System.nanoTime() > 0) {
      commits = rsyslog.receivedSoFar().stream()
          .filter(m -> String.valueOf(m.get("msg")).startsWith("commit complete")).toList();
      if (commits.size() >= count) {
        return commits;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("expected " + count + " commit messages at rsyslog, got " + rsyslog.receivedSoFar());
  }

  private static void awaitLine(Path log, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (deadline - System.nanoTime() > 0) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no \"" + text + "\" in " + Files.readString(log));
  }
}
