package io.outpost.dataplane.packet;

import java.lang.foreign.MemorySegment;

/**
 * ARP for IPv4 over Ethernet (RFC 826), read and written in place at the payload offset.
 *
 * <pre>
 *  0       2       4   5   6       8            14          18           24          28
 * +-------+-------+---+---+-------+------------+-----------+------------+-----------+
 * | htype | ptype |hln|pln|  op   | sender MAC | sender IP | target MAC | target IP |
 * +-------+-------+---+---+-------+------------+-----------+------------+-----------+
 * </pre>
 */
public final class Arp {
  public static final int LENGTH = 28;
  public static final int REQUEST = 1;
  public static final int REPLY = 2;

  private Arp() {}

  /** Whether the fixed part says Ethernet/IPv4 (htype 1, ptype 0x0800, lengths 6 and 4). */
  public static boolean isEthernetIpv4(MemorySegment s, long arp) {
    return Bytes.u32(s, arp) == 0x0001_0800 && Bytes.u16(s, arp + 4) == 0x0604;
  }

  public static int operation(MemorySegment s, long arp) {
    return Bytes.u16(s, arp + 6);
  }

  public static long senderMac(MemorySegment s, long arp) {
    return Bytes.mac(s, arp + 8);
  }

  public static int senderIp(MemorySegment s, long arp) {
    return Bytes.u32(s, arp + 14);
  }

  public static long targetMac(MemorySegment s, long arp) {
    return Bytes.mac(s, arp + 18);
  }

  public static int targetIp(MemorySegment s, long arp) {
    return Bytes.u32(s, arp + 24);
  }

  /** Writes a whole ARP message (28 bytes). */
  public static void write(
      MemorySegment s, long arp, int op, long senderMac, int senderIp, long targetMac,
      int targetIp) {
    Bytes.u32(s, arp, 0x0001_0800);
    Bytes.u16(s, arp + 4, 0x0604);
    Bytes.u16(s, arp + 6, op);
    Bytes.mac(s, arp + 8, senderMac);
    Bytes.u32(s, arp + 14, senderIp);
    Bytes.mac(s, arp + 18, targetMac);
    Bytes.u32(s, arp + 24, targetIp);
  }
}
