package io.outpost.dataplane.packet;

import java.lang.foreign.MemorySegment;

/**
 * IPv4 headers (RFC 791) read and rewritten in place. Options are never parsed, only carried:
 * the header length (IHL) says where the payload starts.
 *
 * <pre>
 *  0               1               2               3
 * +-------+-------+---------------+-------------------------------+
 * |Version|  IHL  |   DSCP/ECN    |          Total Length         |  0
 * +-------+-------+---------------+-----+-------------------------+
 * |         Identification        |Flags|     Fragment Offset     |  4
 * +---------------+---------------+-----+-------------------------+
 * |      TTL      |   Protocol    |        Header Checksum        |  8
 * +---------------+---------------+-------------------------------+
 * |                        Source Address                         | 12
 * |                     Destination Address                       | 16
 * |                  Options (IHL > 5) ...                        | 20
 * </pre>
 */
public final class Ipv4 {
  public static final int MIN_HEADER = 20;
  public static final int TOTAL_LENGTH = 2;
  public static final int IDENTIFICATION = 4;
  public static final int FLAGS_FRAGMENT = 6;
  public static final int TTL = 8;
  public static final int PROTOCOL = 9;
  public static final int CHECKSUM = 10;
  public static final int SOURCE = 12;
  public static final int DESTINATION = 16;

  public static final int FLAG_DF = 0x4000;
  public static final int FLAG_MF = 0x2000;
  public static final int FRAGMENT_OFFSET_MASK = 0x1fff;

  public static final int PROTO_ICMP = 1;
  public static final int PROTO_TCP = 6;
  public static final int PROTO_UDP = 17;

  private Ipv4() {}

  public static int version(MemorySegment s, long ip) {
    return Bytes.u8(s, ip) >>> 4;
  }

  /** Header length in bytes (IHL × 4). */
  public static int headerLength(MemorySegment s, long ip) {
    return (Bytes.u8(s, ip) & 0x0f) << 2;
  }

  public static int totalLength(MemorySegment s, long ip) {
    return Bytes.u16(s, ip + TOTAL_LENGTH);
  }

  public static int flagsFragment(MemorySegment s, long ip) {
    return Bytes.u16(s, ip + FLAGS_FRAGMENT);
  }

  /** Whether this is a fragment other than the first (no transport header in it). */
  public static boolean isLaterFragment(MemorySegment s, long ip) {
    return (flagsFragment(s, ip) & FRAGMENT_OFFSET_MASK) != 0;
  }

  public static int ttl(MemorySegment s, long ip) {
    return Bytes.u8(s, ip + TTL);
  }

  public static int protocol(MemorySegment s, long ip) {
    return Bytes.u8(s, ip + PROTOCOL);
  }

  public static int source(MemorySegment s, long ip) {
    return Bytes.u32(s, ip + SOURCE);
  }

  public static int destination(MemorySegment s, long ip) {
    return Bytes.u32(s, ip + DESTINATION);
  }

  /**
   * Decrements the TTL and patches the header checksum incrementally (RFC 1624): the 16-bit
   * word holding TTL and protocol is the only one that changes.
   */
  public static void decrementTtl(MemorySegment s, long ip) {
    int oldWord = Bytes.u16(s, ip + TTL);
    int newWord = oldWord - 0x0100;
    Bytes.u16(s, ip + TTL, newWord);
    int checksum = Bytes.u16(s, ip + CHECKSUM);
    Bytes.u16(s, ip + CHECKSUM, InternetChecksum.update(checksum, oldWord, newWord));
  }

  /** Computes and stores the header checksum over {@code headerLength} bytes. */
  public static void writeChecksum(MemorySegment s, long ip, int headerLength) {
    Bytes.u16(s, ip + CHECKSUM, 0);
    Bytes.u16(s, ip + CHECKSUM, InternetChecksum.compute(s, ip, headerLength));
  }

  /** Writes a 20-byte header without options, checksum included. */
  public static void writeHeader(
      MemorySegment s, long ip, int totalLength, int identification, int flags, int ttl,
      int protocol, int source, int destination) {
    Bytes.u16(s, ip, 0x4500);
    Bytes.u16(s, ip + TOTAL_LENGTH, totalLength);
    Bytes.u16(s, ip + IDENTIFICATION, identification);
    Bytes.u16(s, ip + FLAGS_FRAGMENT, flags);
    Bytes.u8(s, ip + TTL, ttl);
    Bytes.u8(s, ip + PROTOCOL, protocol);
    Bytes.u32(s, ip + SOURCE, source);
    Bytes.u32(s, ip + DESTINATION, destination);
    writeChecksum(s, ip, MIN_HEADER);
  }
}
