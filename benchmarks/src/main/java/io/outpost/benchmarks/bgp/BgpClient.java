package io.outpost.benchmarks.bgp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.outpost.bgp.wire.BgpCodec;
import io.outpost.bgp.wire.Capability;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.KeepaliveMessage;
import io.outpost.bgp.wire.OpenMessage;
import io.outpost.bgp.wire.SessionOptions;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The smallest BGP speaker a benchmark needs, on a blocking socket: it connects from a given
 * address, opens with IPv4 and IPv6 unicast and 4-octet AS (no extended messages), answers the
 * peer's OPEN, keeps the session alive, hands each UPDATE body it receives to a consumer on its
 * reader thread, and writes raw bytes (whole messages) for a feeder. Not a speaker to run
 * against anything but a benchmark's target: it checks nothing it does not have to.
 */
final class BgpClient implements AutoCloseable {
  private static final SessionOptions OPTIONS = new SessionOptions(false, true,
      java.util.Set.of(), java.util.Set.of());
  private static final int HOLD_SECONDS = 240;

  private final String name;
  private final Socket socket;
  private final OutputStream out;
  private final CountDownLatch established = new CountDownLatch(1);
  private final Thread reader;
  private final Thread keepalive;
  private volatile String failure;

  /**
   * Connects from {@code local} to {@code target} port 179 and opens; {@link #awaitEstablished}
   * waits for the peer's KEEPALIVE.
   */
  BgpClient(String name, InetAddress local, InetAddress target, long as,
      Consumer<byte[]> updates) throws IOException {
    this.name = name;
    socket = new Socket();
    socket.setReceiveBufferSize(4 << 20);
    socket.setSendBufferSize(4 << 20);
    socket.bind(new InetSocketAddress(local, 0));
    socket.connect(new InetSocketAddress(target, 179), 10_000);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    byte[] id = local.getAddress();
    long identifier = (id[0] & 0xffL) << 24 | (id[1] & 0xff) << 16 | (id[2] & 0xff) << 8
        | (id[3] & 0xff);
    send(message(new OpenMessage(OpenMessage.VERSION, as > 0xffff ? OpenMessage.AS_TRANS
        : (int) as, HOLD_SECONDS, identifier, List.of(
            Capability.multiprotocol(Family.IPV4_UNICAST.afi, Family.IPV4_UNICAST.safi),
            Capability.multiprotocol(Family.IPV6_UNICAST.afi, Family.IPV6_UNICAST.safi),
            Capability.fourOctetAs(as)))));
    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
        socket.getInputStream(), 1 << 20));
    reader = Thread.ofPlatform().daemon().name(name + "-reader").start(() -> read(in, updates));
    keepalive = Thread.ofPlatform().daemon().name(name + "-keepalive").start(this::keepAlive);
  }

  /** Waits for the session to come up; throws with the reason if it does not. */
  void awaitEstablished(int seconds) throws IOException, InterruptedException {
    if (!established.await(seconds, TimeUnit.SECONDS)) {
      throw new IOException(name + ": no session within " + seconds + " s"
          + (failure == null ? "" : ": " + failure));
    }
    if (failure != null) {
      throw new IOException(name + ": " + failure);
    }
  }

  /** Writes {@code length} octets of whole messages. */
  synchronized void send(byte[] bytes, int from, int length) throws IOException {
    out.write(bytes, from, length);
  }

  private void send(byte[] message) throws IOException {
    send(message, 0, message.length);
  }

  private void read(DataInputStream in, Consumer<byte[]> updates) {
    byte[] header = new byte[BgpCodec.HEADER_LENGTH];
    try {
      while (true) {
        in.readFully(header);
        int length = (header[16] & 0xff) << 8 | (header[17] & 0xff);
        byte[] body = new byte[length - BgpCodec.HEADER_LENGTH];
        in.readFully(body);
        switch (header[18]) {
          case 1 -> send(message(KeepaliveMessage.INSTANCE)); // their OPEN
          case 2 -> updates.accept(body);
          case 3 -> {
            failure = "NOTIFICATION " + (body[0] & 0xff) + "/" + (body[1] & 0xff);
            established.countDown();
            return;
          }
          case 4 -> established.countDown();
          default -> {
            // ROUTE-REFRESH and the like: nothing to do
          }
        }
      }
    } catch (EOFException e) {
      failure = failure == null ? "the peer closed the connection" : failure;
    } catch (IOException e) {
      failure = failure == null ? e.toString() : failure;
    } finally {
      established.countDown();
    }
  }

  private void keepAlive() {
    try {
      while (!socket.isClosed()) {
        Thread.sleep(HOLD_SECONDS / 3 * 1000L);
        send(message(KeepaliveMessage.INSTANCE));
      }
    } catch (InterruptedException | IOException e) {
      // closing
    }
  }

  /** Why the session ended, or null while it runs. */
  String failure() {
    return failure;
  }

  private static byte[] message(io.outpost.bgp.wire.BgpMessage m) {
    ByteBuf buf = Unpooled.buffer();
    BgpCodec.encode(m, buf, OPTIONS);
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    return bytes;
  }

  @Override
  public void close() throws IOException {
    keepalive.interrupt();
    socket.close();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
