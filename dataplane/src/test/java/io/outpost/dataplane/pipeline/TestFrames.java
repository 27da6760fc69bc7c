package io.outpost.dataplane.pipeline;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** Builds test frames byte by byte, independently of the production writers. */
final class TestFrames {
  private TestFrames() {}

  static int ip4(int a, int b, int c, int d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
  }

  static byte[] ethernet(long dst, long src, int type, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
    putMac(b, dst);
    putMac(b, src);
    b.putShort((short) type);
    b.put(payload);
    return b.array();
  }

  static byte[] tagged(long dst, long src, int vlan, int type, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(18 + payload.length);
    putMac(b, dst);
    putMac(b, src);
    b.putShort((short) 0x8100).putShort((short) vlan).putShort((short) type);
    b.put(payload);
    return b.array();
  }

  static void putMac(ByteBuffer b, long mac) {
    b.putShort((short) (mac >>> 32)).putInt((int) mac);
  }

  static byte[] arp(int op, long senderMac, int senderIp, long targetMac, int targetIp) {
    ByteBuffer b = ByteBuffer.allocate(28);
    b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4)
        .putShort((short) op);
    putMac(b, senderMac);
    b.putInt(senderIp);
    putMac(b, targetMac);
    b.putInt(targetIp);
    return b.array();
  }

  /** An IPv4 UDP datagram with a correct header checksum and {@code payload} zero bytes. */
  static byte[] udp4(int src, int dst, int ttl, int flags, int sport, int dport, int payload) {
    int total = 20 + 8 + payload;
    ByteBuffer b = ByteBuffer.allocate(total);
    b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 0x1234)
        .putShort((short) flags).put((byte) ttl).put((byte) 17).putShort((short) 0)
        .putInt(src).putInt(dst);
    b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload))
        .putShort((short) 0);
    byte[] bytes = b.array();
    int sum = checksum(bytes, 0, 20);
    bytes[10] = (byte) (sum >>> 8);
    bytes[11] = (byte) sum;
    return bytes;
  }

  /** An IPv6 UDP datagram. */
  static byte[] udp6(byte[] src, byte[] dst, int hopLimit, int payload) {
    ByteBuffer b = ByteBuffer.allocate(40 + 8 + payload);
    b.putInt(0x6000_0000).putShort((short) (8 + payload)).put((byte) 17).put((byte) hopLimit)
        .put(src).put(dst);
    b.putShort((short) 1000).putShort((short) 2000).putShort((short) (8 + payload))
        .putShort((short) 0);
    return b.array();
  }

  static int checksum(byte[] bytes, int from, int length) {
    long sum = 0;
    for (int i = 0; i < length; i += 2) {
      int hi = bytes[from + i] & 0xff;
      int lo = i + 1 < length ? bytes[from + i + 1] & 0xff : 0;
      sum += (hi << 8) | lo;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  static int u8(byte[] b, int at) {
    return b[at] & 0xff;
  }

  static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  static int u32(byte[] b, int at) {
    return (u16(b, at) << 16) | u16(b, at + 2);
  }

  static long mac(byte[] b, int at) {
    return ((long) u16(b, at) << 32) | (u32(b, at + 2) & 0xffffffffL);
  }

  static MemorySegment segment(byte[] b) {
    return MemorySegment.ofArray(b);
  }
}
