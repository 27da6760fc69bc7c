package io.outpost.dataplane.packet;

import java.lang.foreign.MemorySegment;

/**
 * IPv6 headers (RFC 8200) read in place, and the walk over extension headers to the upper
 * layer.
 *
 * <pre>
 *  0               1               2               3
 * +-------+---------------+---------------------------------------+
 * |Version| Traffic Class |              Flow Label               |  0
 * +-------+-------+-------+---------------+-----------------------+
 * |        Payload Length         |  Next Header  |   Hop Limit   |  4
 * +-------------------------------+---------------+---------------+
 * |                    Source Address (128 bits)                  |  8
 * |                 Destination Address (128 bits)                | 24
 * +---------------------------------------------------------------+ 40
 * </pre>
 *
 * Addresses are handled as two longs, {@code hi} (bytes 0..7) and {@code lo} (bytes 8..15).
 */
public final class Ipv6 {
  public static final int HEADER_LENGTH = 40;
  public static final int PAYLOAD_LENGTH = 4;
  public static final int NEXT_HEADER = 6;
  public static final int HOP_LIMIT = 7;
  public static final int SOURCE = 8;
  public static final int DESTINATION = 24;

  public static final int HOP_BY_HOP = 0;
  public static final int PROTO_TCP = 6;
  public static final int PROTO_UDP = 17;
  public static final int ROUTING = 43;
  public static final int FRAGMENT = 44;
  public static final int ESP = 50;
  public static final int AUTH = 51;
  public static final int PROTO_ICMPV6 = 58;
  public static final int NO_NEXT_HEADER = 59;
  public static final int DESTINATION_OPTIONS = 60;

  /** Extension headers walked before giving up: bounds the work a crafted chain can cause. */
  public static final int MAX_EXTENSION_HEADERS = 8;

  private Ipv6() {}

  public static int version(MemorySegment s, long ip) {
    return Bytes.u8(s, ip) >>> 4;
  }

  public static int payloadLength(MemorySegment s, long ip) {
    return Bytes.u16(s, ip + PAYLOAD_LENGTH);
  }

  public static int nextHeader(MemorySegment s, long ip) {
    return Bytes.u8(s, ip + NEXT_HEADER);
  }

  public static int hopLimit(MemorySegment s, long ip) {
    return Bytes.u8(s, ip + HOP_LIMIT);
  }

  public static void hopLimit(MemorySegment s, long ip, int value) {
    Bytes.u8(s, ip + HOP_LIMIT, value);
  }

  public static long sourceHi(MemorySegment s, long ip) {
    return Bytes.u64(s, ip + SOURCE);
  }

  public static long sourceLo(MemorySegment s, long ip) {
    return Bytes.u64(s, ip + SOURCE + 8);
  }

  public static long destinationHi(MemorySegment s, long ip) {
    return Bytes.u64(s, ip + DESTINATION);
  }

  public static long destinationLo(MemorySegment s, long ip) {
    return Bytes.u64(s, ip + DESTINATION + 8);
  }

  /**
   * Walks the extension headers (hop-by-hop, routing, fragment, destination options, AH) from
   * the fixed header and returns where the upper layer starts, packed as
   * {@code (protocol << 32) | offsetFromIp}; or -1 if a header runs past {@code available}
   * bytes or the chain is longer than {@link #MAX_EXTENSION_HEADERS}. A non-first fragment
   * reports protocol {@link #FRAGMENT}: its payload has no upper-layer header. ESP and unknown
   * protocols end the walk and are reported as they are.
   */
  public static long upperLayer(MemorySegment s, long ip, int available) {
    int next = nextHeader(s, ip);
    int at = HEADER_LENGTH;
    for (int i = 0; i <= MAX_EXTENSION_HEADERS; i++) {
      switch (next) {
        case HOP_BY_HOP, ROUTING, DESTINATION_OPTIONS -> {
          if (at + 8 > available) {
            return -1;
          }
          int length = (Bytes.u8(s, ip + at + 1) + 1) << 3;
          next = Bytes.u8(s, ip + at);
          at += length;
        }
        case AUTH -> {
          if (at + 8 > available) {
            return -1;
          }
          int length = (Bytes.u8(s, ip + at + 1) + 2) << 2;
          next = Bytes.u8(s, ip + at);
          at += length;
        }
        case FRAGMENT -> {
          if (at + 8 > available) {
            return -1;
          }
          if ((Bytes.u16(s, ip + at + 2) & 0xfff8) != 0) {
            return ((long) FRAGMENT << 32) | at;
          }
          next = Bytes.u8(s, ip + at);
          at += 8;
        }
        default -> {
          return at > available ? -1 : ((long) next << 32) | at;
        }
      }
    }
    return -1;
  }

  /** Whether an address is link-local unicast (fe80::/10). */
  public static boolean isLinkLocal(long hi) {
    return (hi >>> 54) == (0xfe80L >>> 6);
  }

  /** Whether an address is multicast (ff00::/8). */
  public static boolean isMulticast(long hi) {
    return (hi >>> 56) == 0xff;
  }

  /** The solicited-node multicast group of an address (ff02::1:ffXX:XXXX), low half. */
  public static long solicitedNodeLo(long targetLo) {
    return 0x0000_0001_ff00_0000L | (targetLo & 0x00ff_ffffL);
  }

  /** The high half of every solicited-node group. */
  public static final long SOLICITED_NODE_HI = 0xff02_0000_0000_0000L;

  /** The modified EUI-64 link-local address (fe80::/64) the kernel derives from a MAC. */
  public static long linkLocalLo(long mac) {
    long hi24 = (mac >>> 24) ^ 0x02_0000L;
    long lo24 = mac & 0xff_ffffL;
    return (hi24 << 40) | (0xfffeL << 24) | lo24;
  }

  public static final long LINK_LOCAL_HI = 0xfe80_0000_0000_0000L;
}
