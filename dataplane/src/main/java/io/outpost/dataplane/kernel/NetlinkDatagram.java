package io.outpost.dataplane.kernel;

import java.nio.ByteBuffer;

/**
 * A cursor over the netlink messages packed into one received datagram: a dump reply carries
 * many, an ack carries one.
 *
 * <p>It owns only its position; the bytes belong to the caller's buffer and are read in place.
 * Each call to {@link #next()} validates the next header against the datagram and fails fast
 * with EBADMSG on a length below the header size or past the end of the datagram.
 */
final class NetlinkDatagram {
  private final ByteBuffer buffer;
  private final int end;
  private int nextOffset;
  private int offset = -1;
  private int length;

  /** Reads the messages in {@code buffer[0, length)}. */
  NetlinkDatagram(ByteBuffer buffer, int length) {
    this.buffer = buffer;
    this.end = length;
  }

  /** Moves to the next message; false when the datagram holds no more. */
  boolean next() {
    if (end - nextOffset < NlMsg.HEADER_SIZE) {
      return false;
    }
    int messageLength = buffer.getInt(nextOffset + NlMsg.LENGTH_OFFSET);
    if (messageLength < NlMsg.HEADER_SIZE || messageLength > end - nextOffset) {
      throw new NetlinkException(
          "malformed netlink message at offset " + nextOffset + ": length " + messageLength
              + ", " + (end - nextOffset) + " bytes left in the datagram",
          Errno.EBADMSG);
    }
    offset = nextOffset;
    length = messageLength;
    nextOffset += NlMsg.align(messageLength);
    return true;
  }

  int type() {
    return Short.toUnsignedInt(buffer.getShort(offset + NlMsg.TYPE_OFFSET));
  }

  int flags() {
    return Short.toUnsignedInt(buffer.getShort(offset + NlMsg.FLAGS_OFFSET));
  }

  int sequence() {
    return buffer.getInt(offset + NlMsg.SEQUENCE_OFFSET);
  }

  /** Where this message's payload (the bytes after its header) starts in the buffer. */
  int payloadOffset() {
    return offset + NlMsg.HEADER_SIZE;
  }

  int payloadLength() {
    return length - NlMsg.HEADER_SIZE;
  }

  ByteBuffer buffer() {
    return buffer;
  }
}
