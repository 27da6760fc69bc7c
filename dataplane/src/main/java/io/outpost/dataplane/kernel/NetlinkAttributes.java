package io.outpost.dataplane.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The attributes ({@code struct rtattr}, also {@code struct nlattr}) of one netlink message or of
 * one nested attribute, indexed by type for lookup.
 *
 * <p>It owns two small index arrays and reads values from the caller's buffer, which must not
 * change while this object is in use. Each attribute is a 4-byte header and a value padded to 4:
 *
 * <pre>
 * +-------------------------------+-------------------------------+
 * |  length (header + value,      |  type (bit 15: nested,        |
 * |  without padding)             |  bit 14: network byte order)  |
 * +-------------------------------+-------------------------------+
 * |        value, padded to a multiple of 4 ...                   |
 * </pre>
 *
 * <p>The two flag bits of the type are dropped: some kernel paths set NLA_F_NESTED and some do
 * not, for the same attribute. When a type appears twice the last one wins, as in the kernel's own
 * {@code nla_parse}. Fails fast with EBADMSG on an attribute whose length is below the header
 * size or runs past the end of the region; fewer than 4 trailing bytes are taken as padding.
 */
final class NetlinkAttributes {
  private static final int HEADER_SIZE = 4;
  private static final int TYPE_MASK = 0x3fff;

  private static final NetlinkAttributes EMPTY =
      new NetlinkAttributes(null, new int[0], new int[0]);

  private final ByteBuffer buffer;
  /** Offset of each type's value in the buffer, -1 if the type is absent. */
  private final int[] valueOffsets;

  private final int[] valueLengths;

  private NetlinkAttributes(ByteBuffer buffer, int[] valueOffsets, int[] valueLengths) {
    this.buffer = buffer;
    this.valueOffsets = valueOffsets;
    this.valueLengths = valueLengths;
  }

  /** Indexes the attributes in {@code buffer[offset, offset + length)}. */
  static NetlinkAttributes parse(ByteBuffer buffer, int offset, int length) {
    int end = offset + length;
    int maxType = -1;
    int at = offset;
    while (end - at >= HEADER_SIZE) {
      maxType = Math.max(maxType, buffer.getShort(at + 2) & TYPE_MASK);
      at += NlMsg.align(attributeLength(buffer, at, end));
    }
    int[] offsets = new int[maxType + 1];
    int[] lengths = new int[maxType + 1];
    Arrays.fill(offsets, -1);
    at = offset;
    while (end - at >= HEADER_SIZE) {
      int type = buffer.getShort(at + 2) & TYPE_MASK;
      int attributeLength = attributeLength(buffer, at, end);
      offsets[type] = at + HEADER_SIZE;
      lengths[type] = attributeLength - HEADER_SIZE;
      at += NlMsg.align(attributeLength);
    }
    return new NetlinkAttributes(buffer, offsets, lengths);
  }

  private static int attributeLength(ByteBuffer buffer, int at, int end) {
    int length = Short.toUnsignedInt(buffer.getShort(at));
    if (length < HEADER_SIZE || length > end - at) {
      throw new NetlinkException(
          "malformed attribute at offset " + at + ": length " + length + ", " + (end - at)
              + " bytes left",
          Errno.EBADMSG);
    }
    return length;
  }

  boolean has(int type) {
    return type < valueOffsets.length && valueOffsets[type] >= 0;
  }

  /** An unsigned 8-bit value, or {@code absent} if the attribute is missing. */
  int u8(int type, int absent) {
    return has(type) ? Byte.toUnsignedInt(buffer.get(valueAt(type, Byte.BYTES))) : absent;
  }

  /** A 32-bit value, or {@code absent} if the attribute is missing. */
  int u32(int type, int absent) {
    return has(type) ? buffer.getInt(valueAt(type, Integer.BYTES)) : absent;
  }

  /** The {@code index}-th 64-bit value of an array attribute such as IFLA_STATS64. */
  long u64(int type, int index) {
    return buffer.getLong(valueAt(type, (index + 1) * Long.BYTES) + index * Long.BYTES);
  }

  /** A NUL-terminated string, or "" if the attribute is missing. */
  String string(int type) {
    if (!has(type)) {
      return "";
    }
    int start = valueOffsets[type];
    int end = start;
    while (end < start + valueLengths[type] && buffer.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - start];
    buffer.get(start, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The raw value, or an empty array if the attribute is missing. */
  byte[] bytes(int type) {
    if (!has(type)) {
      return new byte[0];
    }
    byte[] bytes = new byte[valueLengths[type]];
    buffer.get(valueOffsets[type], bytes);
    return bytes;
  }

  /** The attributes nested inside an attribute, empty if the attribute is missing. */
  NetlinkAttributes nested(int type) {
    return has(type) ? parse(buffer, valueOffsets[type], valueLengths[type]) : EMPTY;
  }

  /** The offset of a value at least {@code minimumLength} long; EBADMSG if it is shorter. */
  private int valueAt(int type, int minimumLength) {
    if (!has(type) || valueLengths[type] < minimumLength) {
      throw new NetlinkException(
          "malformed attribute type " + type + ": " + (has(type) ? valueLengths[type] : 0)
              + " bytes, expected at least " + minimumLength,
          Errno.EBADMSG);
    }
    return valueOffsets[type];
  }
}
