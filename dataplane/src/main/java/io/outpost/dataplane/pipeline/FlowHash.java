package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.packet.Bytes;
import io.outpost.dataplane.packet.Ipv4;
import io.outpost.dataplane.packet.Ipv6;
import java.lang.foreign.MemorySegment;

/**
 * The 5-tuple hash that spreads flows across equal-cost next hops: addresses, protocol and,
 * for TCP and UDP in a first fragment, the ports. Every packet of a flow hashes alike, so a
 * flow keeps one path and its packets stay in order.
 */
final class FlowHash {
  private FlowHash() {}

  static int ipv4(MemorySegment s, long ip, int length) {
    int protocol = Ipv4.protocol(s, ip);
    long h = (Ipv4.source(s, ip) & 0xffffffffL) * 0x9e3779b97f4a7c15L
        ^ (Ipv4.destination(s, ip) & 0xffffffffL) * 0xc2b2ae3d27d4eb4fL ^ protocol;
    int headerLength = Ipv4.headerLength(s, ip);
    if ((protocol == Ipv4.PROTO_TCP || protocol == Ipv4.PROTO_UDP)
        && !Ipv4.isLaterFragment(s, ip) && headerLength + 4 <= length) {
      h ^= (Bytes.u32(s, ip + headerLength) & 0xffffffffL) * 0x165667b19e3779f9L;
    }
    return mix(h);
  }

  static int ipv6(MemorySegment s, long ip, int length) {
    long h = Ipv6.sourceHi(s, ip) * 0x9e3779b97f4a7c15L ^ Ipv6.sourceLo(s, ip)
        ^ Ipv6.destinationHi(s, ip) * 0xc2b2ae3d27d4eb4fL ^ Ipv6.destinationLo(s, ip);
    long upper = Ipv6.upperLayer(s, ip, length);
    if (upper >= 0) {
      int protocol = (int) (upper >>> 32);
      int at = (int) upper;
      h ^= protocol;
      if ((protocol == Ipv6.PROTO_TCP || protocol == Ipv6.PROTO_UDP) && at + 4 <= length) {
        h ^= (Bytes.u32(s, ip + at) & 0xffffffffL) * 0x165667b19e3779f9L;
      }
    }
    return mix(h);
  }

  private static int mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h & 0x7fffffff;
  }
}
