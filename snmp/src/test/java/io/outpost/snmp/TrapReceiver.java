package io.outpost.snmp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * net-snmp's snmptrapd (Debian's {@code snmptrapd}) on a loopback port, logging every
 * notification it accepts to a file the test reads. It knows one SNMPv3 user, localized to the
 * agent's engine ID (the agent is the authoritative engine for its traps), and one community.
 */
final class TrapReceiver implements AutoCloseable {
  private final Process process;
  private final Path log;
  final int port;

  TrapReceiver(Path dir, String engineIdHex, String user, String authPass, String privPass,
      String community) throws IOException, InterruptedException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("snmptrapd.conf");
    Files.writeString(conf, "createUser -e 0x" + engineIdHex + " " + user + " SHA-256 "
        + authPass + " AES " + privPass + "\nauthUser log " + user + "\nauthCommunity log "
        + community + "\n");
    log = dir.resolve("traps.log");
    Path persistent = Files.createDirectories(dir.resolve("persist"));
    ProcessBuilder pb = new ProcessBuilder("snmptrapd", "-f", "-C", "-c", conf.toString(), "-On",
        "-n", "-Lf", log.toString(), "udp:127.0.0.1:" + port);
    pb.environment().put("SNMP_PERSISTENT_DIR", persistent.toString());
    pb.environment().put("MIBS", "");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("snmptrapd.out").toFile());
    process = pb.start();
    await(s -> s.contains("NET-SNMP version"), Duration.ofSeconds(20), "snmptrapd to start");
  }

  /** Waits until the log satisfies {@code until}; returns the log. */
  String await(Predicate<String> until, Duration timeout, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String text = "";
    while (System.nanoTime() < deadline) {
      text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (until.test(text)) {
        return text;
      }
      if (!process.isAlive()) {
        throw new IOException("snmptrapd exited " + process.exitValue() + ": " + text);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("waited " + timeout + " for " + what + "; snmptrapd logged:\n"
        + text);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
