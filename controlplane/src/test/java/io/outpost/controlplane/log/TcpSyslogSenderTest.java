package io.outpost.controlplane.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpSyslogSenderTest {

  private static TcpSyslogSender sender(int port, int queueCapacity) {
    return new TcpSyslogSender(new SyslogEndpoint("127.0.0.1", port, SyslogTransport.TCP),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), queueCapacity, TcpSyslogSender.QUEUE_BYTES);
  }

  private static byte[] body(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void close(TcpSyslogSender sender, Duration grace) {
    sender.beginClose(System.nanoTime() + grace.toNanos());
    sender.awaitClosed();
  }

  @Test
  void framesEachMessageWithItsOctetCount() throws Exception {
    try (OctetCountingServer server = new OctetCountingServer()) {
      TcpSyslogSender sender = sender(server.port(), 100);
      sender.start();
      sender.send(14, body("1 first"));
      sender.send(14, body("1 ünïcödé\nwith a line feed the framing must carry"));
      sender.send(11, body("1 " + "x".repeat(20_000)));

      assertEquals("<14>1 first", server.next().message());
      assertEquals("<14>1 ünïcödé\nwith a line feed the framing must carry", server.next().message());
      String cut = server.next().message();
      assertEquals(TcpSyslogSender.MAX_MESSAGE_OCTETS, cut.length(), "cut to the RFC 5425 size");
      assertTrue(cut.startsWith("<11>1 xxx"));
      close(sender, Duration.ofSeconds(2));
      assertEquals(new SyslogCounters(3, 0), sender.counters());
    }
  }

  @Test
  void dropsAndCountsWhenTheServerNeverAccepts() throws Exception {
    // The kernel completes the handshake for the backlog, so the connection opens, but nobody
    // ever reads: once the socket buffers are full the sender thread is stuck in write.
    try (ServerSocket neverAccepts = new ServerSocket()) {
      neverAccepts.setReceiveBufferSize(4096);
      neverAccepts.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      TcpSyslogSender sender = sender(neverAccepts.getLocalPort(), 8);
      sender.start();
      byte[] large = body("1 " + "y".repeat(8_000));
      long offered = 0;

      // Fill the socket buffers (a few megabytes on loopback) until nothing more goes out.
      long lastSent = -1;
      long stableSince = System.nanoTime();
      long fillDeadline = stableSince + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() - stableSince < Duration.ofMillis(300).toNanos()) {
        assertTrue(fillDeadline - System.nanoTime() > 0, "the socket buffers never filled: " + sender.counters());
        sender.send(14, large);
        offered++;
        long sent = sender.counters().sent();
        if (sent != lastSent) {
          lastSent = sent;
          stableSince = System.nanoTime();
        }
        Thread.sleep(1);
      }

      SyslogCounters stuck = sender.counters();
      long start = System.nanoTime();
      for (int i = 0; i < 1_000; i++) {
        sender.send(14, large);
      }
      offered += 1_000;
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      SyslogCounters flooded = sender.counters();

      assertTrue(elapsed.compareTo(Duration.ofSeconds(1)) < 0, "offering never blocks; 1000 offers took " + elapsed);
      assertEquals(stuck.sent(), flooded.sent(), "nothing goes out while the server does not read");
      assertEquals(1_000, flooded.dropped() - stuck.dropped(), "a full queue drops and counts every offer");

      long closeStart = System.nanoTime();
      close(sender, Duration.ofMillis(300));
      Duration closing = Duration.ofNanos(System.nanoTime() - closeStart);
      assertTrue(closing.compareTo(Duration.ofMillis(250)) > 0 && closing.compareTo(Duration.ofSeconds(2)) < 0,
          "the stuck write is given its deadline and then cut off; close took " + closing);
      SyslogCounters after = sender.counters();
      assertEquals(offered, after.sent() + after.dropped(), "every message is accounted for: " + after);
    }
  }

  @Test
  void dropsAndCountsWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    TcpSyslogSender sender = sender(port, 4);
    sender.start();
    for (int i = 0; i < 20; i++) {
      sender.send(14, body("1 message " + i));
    }
    assertTrue(sender.counters().dropped() >= 15, "at most the queue and the one in hand wait: " + sender.counters());

    long closeStart = System.nanoTime();
    close(sender, Duration.ofSeconds(2));
    Duration closing = Duration.ofNanos(System.nanoTime() - closeStart);
    assertTrue(closing.compareTo(Duration.ofSeconds(1)) < 0,
        "close does not sit out the backoff when the server is refusing; took " + closing);
    assertEquals(new SyslogCounters(0, 20), sender.counters());
    sender.send(14, body("1 after close"));
    assertEquals(new SyslogCounters(0, 21), sender.counters());
  }

  @Test
  void reconnectsAfterTheServerDropsTheConnection() throws Exception {
    try (OctetCountingServer server = new OctetCountingServer()) {
      TcpSyslogSender sender = sender(server.port(), 100);
      sender.start();
      sender.send(14, body("1 before"));
      assertEquals(new OctetCountingServer.Frame(1, "<14>1 before"), server.next());

      server.dropConnection();
      // Writes into the dead connection may still "succeed" locally; keep logging until a
      // message arrives on a new connection (after the 1 s backoff).
      OctetCountingServer.Frame frame = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      for (int i = 0; frame == null && deadline - System.nanoTime() > 0; i++) {
        sender.send(14, body("1 after " + i));
        frame = server.poll(100);
      }
      assertNotNull(frame, "a message got through after the connection was dropped");
      assertEquals(2, frame.connection(), "it came on a new connection");
      assertTrue(frame.message().startsWith("<14>1 after "), frame.message());
      close(sender, Duration.ofSeconds(2));
    }
  }

  @Test
  void aSenderThatWasNeverStartedClosesAtOnce() {
    TcpSyslogSender sender = sender(9, 4);
    close(sender, Duration.ofSeconds(5));
    assertEquals(new SyslogCounters(0, 0), sender.counters());
  }
}
