package io.outpost.dataplane.packet;

import java.lang.foreign.MemorySegment;

/**
 * Ethernet II frames and their 802.1Q tag, read in place.
 *
 * <pre>
 *  0                   6                   12      14
 * +-------------------+-------------------+-------+-----------
 * | destination MAC   | source MAC        | type  | payload ...
 * +-------------------+-------------------+-------+-----------
 *                                 with a tag: | 0x8100 | PCP DEI VID | type | payload
 * </pre>
 *
 * MACs are handled as the low 48 bits of a long (see {@link Bytes#mac}).
 */
public final class Ethernet {
  public static final int DESTINATION = 0;
  public static final int SOURCE = 6;
  public static final int TYPE = 12;
  public static final int HEADER_LENGTH = 14;
  public static final int TAG_LENGTH = 4;

  public static final int TYPE_IPV4 = 0x0800;
  public static final int TYPE_ARP = 0x0806;
  public static final int TYPE_VLAN = 0x8100;
  public static final int TYPE_IPV6 = 0x86dd;

  public static final long BROADCAST = 0xffff_ffff_ffffL;

  private Ethernet() {}

  public static long destination(MemorySegment s, long frame) {
    return Bytes.mac(s, frame + DESTINATION);
  }

  public static long source(MemorySegment s, long frame) {
    return Bytes.mac(s, frame + SOURCE);
  }

  public static int type(MemorySegment s, long frame) {
    return Bytes.u16(s, frame + TYPE);
  }

  /** Whether a MAC has the group bit set (broadcast or multicast). */
  public static boolean isGroup(long mac) {
    return (mac & 0x0100_0000_0000L) != 0;
  }

  /** The VLAN id of a tagged frame's first tag (the low 12 bits of the TCI). */
  public static int vlanId(MemorySegment s, long frame) {
    return Bytes.u16(s, frame + TYPE + 2) & 0x0fff;
  }

  /** The type that follows a frame's first tag. */
  public static int innerType(MemorySegment s, long frame) {
    return Bytes.u16(s, frame + TYPE + 4);
  }

  /** Writes destination, source and type: the 14-byte header of an untagged frame. */
  public static void writeHeader(
      MemorySegment s, long frame, long destination, long source, int type) {
    Bytes.mac(s, frame + DESTINATION, destination);
    Bytes.mac(s, frame + SOURCE, source);
    Bytes.u16(s, frame + TYPE, type);
  }

  /**
   * Writes the header for {@code vlan} (0 = untagged) and returns its length, where the
   * payload starts.
   */
  public static int writeHeader(
      MemorySegment s, long frame, long destination, long source, int vlan, int type) {
    Bytes.mac(s, frame + DESTINATION, destination);
    Bytes.mac(s, frame + SOURCE, source);
    if (vlan == 0) {
      Bytes.u16(s, frame + TYPE, type);
      return HEADER_LENGTH;
    }
    Bytes.u16(s, frame + TYPE, TYPE_VLAN);
    Bytes.u16(s, frame + TYPE + 2, vlan);
    Bytes.u16(s, frame + TYPE + 4, type);
    return HEADER_LENGTH + TAG_LENGTH;
  }

  /** Parses "aa:bb:cc:dd:ee:ff" into a long. */
  public static long parse(String mac) {
    String[] parts = mac.split(":");
    if (parts.length != 6) {
      throw new IllegalArgumentException("not a MAC address: " + mac);
    }
    long value = 0;
    for (String part : parts) {
      value = (value << 8) | Integer.parseInt(part, 16);
    }
    return value;
  }

  /** Formats the low 48 bits of {@code mac} as "aa:bb:cc:dd:ee:ff", the inverse of {@link #parse}. */
  public static String format(long mac) {
    return java.util.HexFormat.ofDelimiter(":").formatHex(bytes(mac));
  }

  /** The low 48 bits of {@code mac} as 6 bytes, first on the wire first (as netlink takes it). */
  public static byte[] bytes(long mac) {
    byte[] bytes = new byte[6];
    for (int i = 0; i < 6; i++) {
      bytes[i] = (byte) (mac >>> (40 - 8 * i));
    }
    return bytes;
  }
}
