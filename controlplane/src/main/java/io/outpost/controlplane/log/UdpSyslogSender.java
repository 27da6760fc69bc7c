package io.outpost.controlplane.log;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends syslog messages as UDP datagrams per RFC 5426, directly from the logging thread.
 *
 * <p>Owns one unconnected datagram socket. Each message is one datagram of at most
 * {@value #MAX_DATAGRAM_OCTETS} octets: RFC 5426 §3.2 says receivers must accept 480 and should
 * accept 2048, and longer messages are cut on a UTF-8 character boundary.
 *
 * <p>The channel is non-blocking for two reasons. A full socket buffer then drops the message
 * instead of stalling the caller. And a non-blocking send ignores the caller's interrupt status,
 * where a blocking send on an interruptible channel would close the channel, shared by every
 * thread, because one interrupted thread logged. The socket is not connected, so ICMP port
 * unreachable from a server that is down does not turn into errors on later sends.
 */
final class UdpSyslogSender implements SyslogSender {

  static final int MAX_DATAGRAM_OCTETS = 2048;

  private final SyslogEndpoint endpoint;
  private final InetSocketAddress address;
  private final DatagramChannel channel;
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  private UdpSyslogSender(SyslogEndpoint endpoint, InetSocketAddress address, DatagramChannel channel) {
    this.endpoint = endpoint;
    this.address = address;
    this.channel = channel;
  }

  /** Opens and binds the socket, so that a failure surfaces while the configuration is prepared. */
  static UdpSyslogSender open(SyslogEndpoint endpoint, InetSocketAddress address) throws IOException {
    DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    try {
      channel.configureBlocking(false);
      channel.bind(null);
      return new UdpSyslogSender(endpoint, address, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public SyslogEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void send(int priority, byte[] afterPri) {
    ByteBuffer datagram = ByteBuffer.wrap(Rfc5424Encoder.withPri(priority, afterPri, MAX_DATAGRAM_OCTETS));
    try {
      if (channel.send(datagram, address) > 0) {
        sent.increment();
      } else {
        dropped.increment();
      }
    } catch (IOException e) {
      // Closed by a reconfiguration racing with this call, or a local network error.
      dropped.increment();
    }
  }

  @Override
  public SyslogCounters counters() {
    return new SyslogCounters(sent.sum(), dropped.sum());
  }

  @Override
  public void start() {
    // Nothing to start: sends happen on the logging thread.
  }

  @Override
  public void beginClose(long deadlineNanos) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a datagram socket releases a file descriptor; there is nothing to retry.
    }
  }

  @Override
  public void awaitClosed() {
    // beginClose already released the socket.
  }

  @Override
  public void awaitIdle(long deadlineNanos) {
    // Every datagram is with the kernel once send returns.
  }
}
