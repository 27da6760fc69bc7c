package io.outpost.controlplane.log;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslogd for lab tests, started by the test in a directory of its own: imudp and imtcp
 * on 127.0.0.1 and free ports, and a template that writes, for every message from
 * {@code outpostd}, the RFC 5424 fields as rsyslog parsed them, one JSON object per line
 * (rsyslog's own "jsonf" escaping). Stopped by its PID, with SIGTERM, on {@link #close()}.
 */
final class RsyslogProcess implements AutoCloseable {

  private static final List<Path> SEARCH_PATH = List.of(Path.of("/usr/sbin/rsyslogd"), Path.of("/sbin/rsyslogd"),
      Path.of("/usr/local/sbin/rsyslogd"));
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

  private final Process process;
  private final Path output;
  private final Path console;
  final int udpPort;
  final int tcpPort;

  private RsyslogProcess(Process process, Path output, Path console, int udpPort, int tcpPort) {
    this.process = process;
    this.output = output;
    this.console = console;
    this.udpPort = udpPort;
    this.tcpPort = tcpPort;
  }

  /** Starts rsyslogd in {@code directory} and returns once both inputs are listening. */
  static RsyslogProcess start(Path directory) throws IOException, InterruptedException {
    Path binary = locate();
    Path work = Files.createDirectories(directory.resolve("work"));
    Path output = directory.resolve("received.jsonl");
    Path console = directory.resolve("rsyslogd.out");
    int udpPort = freeUdpPort();
    int tcpPort = freeTcpPort();
    Path config = Files.writeString(directory.resolve("rsyslog.conf"), config(work, output, udpPort, tcpPort));
    Process process = new ProcessBuilder(binary.toString(), "-n", "-f", config.toString(),
        "-i", directory.resolve("rsyslogd.pid").toString())
        .redirectErrorStream(true)
        .redirectOutput(console.toFile())
        .start();
    RsyslogProcess rsyslog = new RsyslogProcess(process, output, console, udpPort, tcpPort);
    try {
      rsyslog.awaitListening();
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      rsyslog.close();
      throw e;
    }
    return rsyslog;
  }

  private static Path locate() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "rsyslogd"))) {
        return Path.of(dir, "rsyslogd");
      }
    }
    for (Path candidate : SEARCH_PATH) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("rsyslogd not found on PATH or in /usr/sbin: this lab test needs the real receiver;"
        + " install rsyslog (apt-get install -y rsyslog)");
  }

  private static String config(Path work, Path output, int udpPort, int tcpPort) {
    // maxMessageSize above our own limits, so the cuts this test sees are ours, not rsyslog's.
    return """
            global(workDirectory="%s" maxMessageSize="64k")
            module(load="imudp")
            module(load="imtcp")
            input(type="imudp" address="127.0.0.1" port="%d")
            input(type="imtcp" address="127.0.0.1" port="%d")
            template(name="rfc5424fields" type="list") {
              constant(value="{")
              property(outname="input" name="inputname" format="jsonf") constant(value=",")
              property(outname="pri" name="pri" format="jsonf") constant(value=",")
              property(outname="version" name="protocol-version" format="jsonf") constant(value=",")
              property(outname="timestamp" name="timereported" dateFormat="rfc3339" format="jsonf") constant(value=",")
              property(outname="hostname" name="hostname" format="jsonf") constant(value=",")
              property(outname="app-name" name="app-name" format="jsonf") constant(value=",")
              property(outname="procid" name="procid" format="jsonf") constant(value=",")
              property(outname="msgid" name="msgid" format="jsonf") constant(value=",")
              property(outname="structured-data" name="structured-data" format="jsonf") constant(value=",")
              property(outname="msg" name="msg" format="jsonf")
              constant(value="}\\n")
            }
            if $app-name == "outpostd" then {
              action(type="omfile" file="%s" template="rfc5424fields")
            }
            """.formatted(work, udpPort, tcpPort, output);
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (!(tcpListening() && udpBound())) {
      if (!process.isAlive()) {
        throw new AssertionError("rsyslogd exited with " + process.exitValue() + ": " + consoleText());
      }
      if (deadline - System.nanoTime() < 0) {
        throw new AssertionError("rsyslogd did not listen on 127.0.0.1 udp/" + udpPort + " and tcp/" + tcpPort
            + " within " + STARTUP_TIMEOUT.toSeconds() + " s: " + consoleText());
      }
      Thread.sleep(50);
    }
  }

  private boolean tcpListening() {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether a socket is bound to 127.0.0.1:udpPort, from the kernel's table (a UDP probe proves nothing). */
  private boolean udpBound() throws IOException {
    String local = String.format(Locale.ROOT, "0100007F:%04X", udpPort);
    return Files.readAllLines(Path.of("/proc/net/udp")).stream().anyMatch(line -> line.contains(local));
  }

  /**
   * Waits until rsyslog has written {@code count} messages and returns them, parsed. Fails the
   * test when fewer arrive within {@code timeout} or more than that arrive.
   */
  List<Map<String, Object>> awaitReceived(int count, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> lines = List.of();
    while (deadline - System.nanoTime() > 0) {
      lines = Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
      if (lines.size() >= count) {
        break;
      }
      Thread.sleep(50);
    }
    if (lines.size() != count) {
      throw new AssertionError("rsyslog wrote " + lines.size() + " messages, expected " + count + ": " + lines
          + "; rsyslogd said: " + consoleText());
    }
    return lines.stream().map(JsonReader::parseObject).toList();
  }

  /** What rsyslog has written so far, parsed. */
  List<Map<String, Object>> receivedSoFar() throws IOException {
    List<String> lines = Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
    return lines.stream().map(JsonReader::parseObject).toList();
  }

  private String consoleText() {
    try {
      return Files.readString(console);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops rsyslogd by its PID: SIGTERM, then SIGKILL if it has not exited after five seconds. */
  @Override
  public void close() {
    ProcessHandle handle = process.toHandle();
    handle.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
