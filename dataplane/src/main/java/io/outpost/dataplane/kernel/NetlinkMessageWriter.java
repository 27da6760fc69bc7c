package io.outpost.dataplane.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes one netlink request at a time into a reusable buffer: the header, the fixed family
 * header the caller writes field by field, then attributes, each padded with zeros to 4 bytes.
 *
 * <p>It owns the buffer's contents between {@link #begin} and {@link #finish}; the buffer must be
 * in host byte order. Requests are tens of bytes, so a buffer of a few hundred is plenty; a
 * request that does not fit is a bug in the caller and fails with BufferOverflowException.
 */
final class NetlinkMessageWriter {
  private static final int ATTRIBUTE_HEADER_SIZE = 4;

  private final ByteBuffer buffer;

  NetlinkMessageWriter(ByteBuffer buffer) {
    this.buffer = buffer;
  }

  /** Starts a message; the port id is 0, which addresses the kernel. */
  NetlinkMessageWriter begin(int type, int flags, int sequence) {
    buffer.clear();
    buffer.putInt(0); // the length, filled in by finish()
    buffer.putShort((short) type);
    buffer.putShort((short) flags);
    buffer.putInt(sequence);
    buffer.putInt(0);
    return this;
  }

  NetlinkMessageWriter u8(int value) {
    buffer.put((byte) value);
    return this;
  }

  NetlinkMessageWriter u16(int value) {
    buffer.putShort((short) value);
    return this;
  }

  NetlinkMessageWriter u32(int value) {
    buffer.putInt(value);
    return this;
  }

  NetlinkMessageWriter attribute(int type, byte[] value) {
    buffer.putShort((short) (ATTRIBUTE_HEADER_SIZE + value.length));
    buffer.putShort((short) type);
    buffer.put(value);
    padToAlignment();
    return this;
  }

  NetlinkMessageWriter attributeU32(int type, int value) {
    buffer.putShort((short) (ATTRIBUTE_HEADER_SIZE + Integer.BYTES));
    buffer.putShort((short) type);
    buffer.putInt(value);
    return this;
  }

  /** A string attribute, NUL-terminated as the kernel's NLA_STRING policy expects. */
  NetlinkMessageWriter attributeString(int type, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    byte[] terminated = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, terminated, 0, bytes.length);
    return attribute(type, terminated);
  }

  /** Writes the length into the header; returns the buffer holding exactly the message. */
  ByteBuffer finish() {
    padToAlignment();
    buffer.putInt(NlMsg.LENGTH_OFFSET, buffer.position());
    return buffer.flip();
  }

  private void padToAlignment() {
    while ((buffer.position() & 3) != 0) {
      buffer.put((byte) 0);
    }
  }
}
