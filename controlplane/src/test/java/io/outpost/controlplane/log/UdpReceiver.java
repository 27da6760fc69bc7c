package io.outpost.controlplane.log;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A syslog "server" for tests: a UDP socket on 127.0.0.1 and an ephemeral port that hands back raw datagrams. */
final class UdpReceiver implements AutoCloseable {

  private final DatagramSocket socket;

  UdpReceiver() throws IOException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    socket.setSoTimeout(5_000);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The next datagram's bytes; fails the test if none arrives within five seconds. */
  byte[] receive() throws IOException {
    DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no datagram arrived on port " + port() + " within 5 s", e);
    }
    return Arrays.copyOf(packet.getData(), packet.getLength());
  }

  /** Whether a datagram arrives within {@code millis}; consumes it. */
  boolean receivesWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      socket.receive(new DatagramPacket(new byte[65_535], 65_535));
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } finally {
      socket.setSoTimeout(5_000);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
