package io.outpost.controlplane.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management protocol's framing over a real unix socket pair. */
class LineChannelTest {
  @TempDir Path dir;

  private record Pair(SocketChannel client, SocketChannel server) {}

  private Pair pair() throws IOException {
    ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    listener.bind(UnixDomainSocketAddress.of(dir.resolve("s")));
    SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
    client.connect(UnixDomainSocketAddress.of(dir.resolve("s")));
    SocketChannel server = listener.accept();
    listener.close();
    return new Pair(client, server);
  }

  @Test
  void linesArriveWholeWhateverTheWritesLookLike() throws Exception {
    Pair p = pair();
    try (LineChannel in = new LineChannel(p.server())) {
      for (byte b : "{\"op\":\"exec\"}\n{\"é\":1}\n".getBytes(StandardCharsets.UTF_8)) {
        p.client().write(ByteBuffer.wrap(new byte[] {b})); // one byte at a time
      }
      assertEquals("{\"op\":\"exec\"}", in.readLine());
      assertEquals("{\"é\":1}", in.readLine());
      p.client().close();
      assertNull(in.readLine(), "a clean end of stream");
    }
  }

  @Test
  void aConnectionCutInTheMiddleOfAMessageIsAnError() throws Exception {
    Pair p = pair();
    try (LineChannel in = new LineChannel(p.server())) {
      p.client().write(ByteBuffer.wrap("{\"op\":".getBytes(StandardCharsets.UTF_8)));
      p.client().close();
      assertThrows(EOFException.class, in::readLine);
    }
  }

  @Test
  void aLineBeyondTheLimitIsRefused() throws Exception {
    Pair p = pair();
    Thread writer = Thread.ofVirtual().start(() -> {
      try {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i <= LineChannel.MAX_LINE >> 20; i++) {
          chunk.clear();
          while (chunk.hasRemaining()) {
            p.client().write(chunk);
          }
        }
      } catch (IOException ignored) {
        // the reader gave up and closed: expected
      }
    });
    try (LineChannel in = new LineChannel(p.server())) {
      IOException e = assertThrows(IOException.class, in::readLine);
      assertEquals("message longer than " + LineChannel.MAX_LINE + " bytes", e.getMessage());
    }
    p.client().close();
    writer.join();
  }
}
