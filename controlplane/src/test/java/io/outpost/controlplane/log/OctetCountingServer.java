package io.outpost.controlplane.log;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A syslog-over-TCP "server" for tests on 127.0.0.1 and an ephemeral port: accepts connections one
 * after another and decodes RFC 6587 octet-counted frames, strictly (digits, one space, exactly
 * LEN octets), into a queue of messages tagged with the connection they came on.
 */
final class OctetCountingServer implements AutoCloseable {

  /** One decoded frame and the number (1, 2, ...) of the connection that carried it. */
  record Frame(int connection, String message) {
  }

  private final ServerSocket server;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Socket current;

  OctetCountingServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("test-syslog-tcp-server").start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** The next frame; fails the test if none arrives within five seconds. */
  Frame next() throws InterruptedException {
    Frame frame = frames.poll(5, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no frame arrived on port " + port() + " within 5 s");
    }
    return frame;
  }

  Frame poll(long millis) throws InterruptedException {
    return frames.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Drops the current connection, as a syslog server that restarts would. */
  void dropConnection() throws IOException {
    current.close();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        current = socket;
        int number = connections.incrementAndGet();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
          frames.add(new Frame(number, readFrame(in)));
        }
      } catch (IOException e) {
        // Connection dropped or server closed: accept the next one, if any.
      }
    }
  }

  private static String readFrame(DataInputStream in) throws IOException {
    int length = 0;
    int digits = 0;
    for (int c = read(in); c != ' '; c = read(in)) {
      if (c < '0' || c > '9' || digits++ > 9) {
        throw new IOException("bad frame length octet " + c);
      }
      length = length * 10 + (c - '0');
    }
    if (digits == 0) {
      throw new IOException("frame without a length");
    }
    byte[] message = new byte[length];
    in.readFully(message);
    return new String(message, StandardCharsets.UTF_8);
  }

  private static int read(InputStream in) throws IOException {
    int c = in.read();
    if (c < 0) {
      throw new EOFException();
    }
    return c;
  }

  @Override
  public void close() throws IOException {
    server.close();
    Socket socket = current;
    if (socket != null) {
      socket.close();
    }
  }
}
