package io.outpost.controlplane.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UdpSyslogSenderTest {

  private static UdpSyslogSender open(UdpReceiver receiver) throws Exception {
    return UdpSyslogSender.open(new SyslogEndpoint("127.0.0.1", receiver.port(), SyslogTransport.UDP),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.port()));
  }

  @Test
  void sendsOneDatagramPerMessageCutTo2048Octets() throws Exception {
    try (UdpReceiver receiver = new UdpReceiver()) {
      UdpSyslogSender sender = open(receiver);
      sender.send(14, "1 short".getBytes(StandardCharsets.UTF_8));
      sender.send(14, ("1 x" + "ü".repeat(5_000)).getBytes(StandardCharsets.UTF_8));

      assertEquals("<14>1 short", new String(receiver.receive(), StandardCharsets.UTF_8));
      byte[] cut = receiver.receive();
      assertEquals(2047, cut.length, "\"<14>1 x\" is 7 octets, so octet 2048 would split a two-octet character");
      assertTrue(new String(cut, StandardCharsets.UTF_8).endsWith("üü"));
      assertEquals(new SyslogCounters(2, 0), sender.counters());
      sender.beginClose(System.nanoTime());
    }
  }

  @Test
  void anInterruptedCallerDoesNotCloseTheSharedSocket() throws Exception {
    try (UdpReceiver receiver = new UdpReceiver()) {
      UdpSyslogSender sender = open(receiver);
      Thread.currentThread().interrupt();
      try {
        sender.send(14, "1 while interrupted".getBytes(StandardCharsets.UTF_8));
      } finally {
        assertTrue(Thread.interrupted(), "the caller's interrupt status is left alone");
      }
      sender.send(14, "1 afterwards".getBytes(StandardCharsets.UTF_8));

      assertEquals("<14>1 while interrupted", new String(receiver.receive(), StandardCharsets.UTF_8));
      assertEquals("<14>1 afterwards", new String(receiver.receive(), StandardCharsets.UTF_8));
      assertEquals(new SyslogCounters(2, 0), sender.counters());
      sender.beginClose(System.nanoTime());
    }
  }

  @Test
  void sendsAfterCloseAreCountedAsDropped() throws Exception {
    try (UdpReceiver receiver = new UdpReceiver()) {
      UdpSyslogSender sender = open(receiver);
      sender.beginClose(System.nanoTime());
      sender.send(14, "1 late".getBytes(StandardCharsets.UTF_8));
      assertEquals(new SyslogCounters(0, 1), sender.counters());
    }
  }
}
