package io.outpost.dataplane.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Hand-written and captured netlink bytes for the codec tests.
 *
 * <p>Hex is written one structure per line, with a comment after a '|' that says what the bytes
 * are; white space is ignored. Multi-byte fields are little-endian, as on x86-64 and arm64, the
 * hosts Outpost runs on; the code under test uses host byte order.
 */
final class NetlinkBytes {
  private NetlinkBytes() {}

  /** The bytes of annotated hex: text after '|' on each line is a comment. */
  static byte[] hex(String annotated) {
    StringBuilder digits = new StringBuilder();
    for (String line : annotated.split("\n")) {
      int bar = line.indexOf('|');
      digits.append((bar < 0 ? line : line.substring(0, bar)).replaceAll("\\s", ""));
    }
    return HexFormat.of().parseHex(digits);
  }

  /** A buffer in host byte order holding the bytes, as received datagrams are. */
  static ByteBuffer buffer(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
  }

  /** A test resource in the same hex form, with whole-line comments starting with '#'. */
  static byte[] resource(String name) {
    try (InputStream in = NetlinkBytes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return hex(text.replaceAll("(?m)^#.*$", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes between a buffer's position and limit. */
  static byte[] remaining(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
