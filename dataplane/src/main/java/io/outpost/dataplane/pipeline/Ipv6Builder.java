package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.packet.Bytes;
import io.outpost.dataplane.packet.InternetChecksum;
import io.outpost.dataplane.packet.Ipv6;
import java.lang.foreign.MemorySegment;

/** Writes IPv6 headers and ICMPv6 checksums for the packets the data plane originates. */
final class Ipv6Builder {
  private Ipv6Builder() {}

  static void header(MemorySegment s, long ip, int payloadLength, int nextHeader, int hopLimit,
      long srcHi, long srcLo, long dstHi, long dstLo) {
    Bytes.u32(s, ip, 0x6000_0000);
    Bytes.u16(s, ip + Ipv6.PAYLOAD_LENGTH, payloadLength);
    Bytes.u8(s, ip + Ipv6.NEXT_HEADER, nextHeader);
    Bytes.u8(s, ip + Ipv6.HOP_LIMIT, hopLimit);
    Bytes.u64(s, ip + Ipv6.SOURCE, srcHi);
    Bytes.u64(s, ip + Ipv6.SOURCE + 8, srcLo);
    Bytes.u64(s, ip + Ipv6.DESTINATION, dstHi);
    Bytes.u64(s, ip + Ipv6.DESTINATION + 8, dstLo);
  }

  /** Computes the ICMPv6 checksum (pseudo-header included) of the message after {@code ip}. */
  static void icmpChecksum(MemorySegment s, long ip, int payloadLength) {
    long icmp = ip + Ipv6.HEADER_LENGTH;
    Bytes.u16(s, icmp + 2, 0);
    long sum = InternetChecksum.ipv6PseudoHeader(s, ip + Ipv6.SOURCE, ip + Ipv6.DESTINATION,
        Ipv6.PROTO_ICMPV6, payloadLength) + InternetChecksum.sum(s, icmp, payloadLength);
    Bytes.u16(s, icmp + 2, InternetChecksum.finish(sum));
  }
}
