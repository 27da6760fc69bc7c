package io.outpost.controlplane.mgmt;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Newline-delimited messages over a blocking socket channel: the framing of the management
 * protocol. Each message is one line of UTF-8 JSON (JSON escapes newlines inside strings, so a
 * line is always a whole message). Lines longer than {@link #MAX_LINE} are refused so a broken
 * client cannot make the daemon buffer without bound.
 */
public final class LineChannel implements AutoCloseable {
  /** Large enough for a {@code load} of a big configuration; far below what would hurt. */
  public static final int MAX_LINE = 32 * 1024 * 1024;

  private final SocketChannel channel;
  private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
  private byte[] line = new byte[4096];
  private int lineLength;

  public LineChannel(SocketChannel channel) {
    this.channel = channel;
    in.flip();
  }

  /** The next line without its newline, or null at a clean end of stream. */
  public String readLine() throws IOException {
    lineLength = 0;
    while (true) {
      while (in.hasRemaining()) {
        byte b = in.get();
        if (b == '\n') {
          return new String(line, 0, lineLength, StandardCharsets.UTF_8);
        }
        if (lineLength == MAX_LINE) {
          throw new IOException("message longer than " + MAX_LINE + " bytes");
        }
        if (lineLength == line.length) {
          line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
        }
        line[lineLength++] = b;
      }
      in.clear();
      int n = channel.read(in);
      in.flip();
      if (n < 0) {
        if (lineLength == 0) {
          return null;
        }
        throw new EOFException("connection closed in the middle of a message");
      }
    }
  }

  public void writeLine(String text) throws IOException {
    ByteBuffer out = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
    while (out.hasRemaining()) {
      channel.write(out);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
