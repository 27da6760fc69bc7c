package io.outpost.dataplane.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Network-byte-order reads and writes of 8/16/32/64-bit fields at any offset of a frame
 * buffer. The layouts are unaligned big-endian, so one access is one (possibly byte-swapped)
 * load or store; nothing here allocates.
 */
public final class Bytes {
  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private Bytes() {}

  public static int u8(MemorySegment s, long at) {
    return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
  }

  public static void u8(MemorySegment s, long at, int value) {
    s.set(ValueLayout.JAVA_BYTE, at, (byte) value);
  }

  public static int u16(MemorySegment s, long at) {
    return s.get(U16, at) & 0xffff;
  }

  public static void u16(MemorySegment s, long at, int value) {
    s.set(U16, at, (short) value);
  }

  public static int u32(MemorySegment s, long at) {
    return s.get(U32, at);
  }

  public static void u32(MemorySegment s, long at, int value) {
    s.set(U32, at, value);
  }

  public static long u64(MemorySegment s, long at) {
    return s.get(U64, at);
  }

  public static void u64(MemorySegment s, long at, long value) {
    s.set(U64, at, value);
  }

  /** A 48-bit MAC address as the low 48 bits of a long. */
  public static long mac(MemorySegment s, long at) {
    return ((long) u16(s, at) << 32) | (u32(s, at + 2) & 0xffffffffL);
  }

  public static void mac(MemorySegment s, long at, long mac) {
    u16(s, at, (int) (mac >>> 32));
    u32(s, at + 2, (int) mac);
  }
}
