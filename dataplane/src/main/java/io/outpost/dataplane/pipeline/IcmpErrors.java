package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.packet.Bytes;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.packet.Icmp;
import io.outpost.dataplane.packet.InternetChecksum;
import io.outpost.dataplane.packet.Ipv4;
import io.outpost.dataplane.packet.Ipv6;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.table.L3Interface;
import java.lang.foreign.MemorySegment;

/**
 * Builds ICMP and ICMPv6 errors (time exceeded, destination unreachable, fragmentation needed,
 * packet too big) directly in the transmit ring, quoting the offending packet, and sends them
 * back to the previous hop (the frame's source MAC, out of the interface it came in on).
 *
 * <p>Why the previous hop rather than a route lookup of the source: the previous hop is the
 * one neighbor certain to be resolved and to route back to the source, and it costs no lookup
 * on a path that runs under attack; the error then follows the previous hop's routing. The
 * source address is the ingress interface's (RFC 1812 §4.3.2.4; for IPv6 a global address
 * of the interface, else its link-local). A token bucket per worker bounds the rate (RFC 1812
 * §4.3.2.8, RFC 4443 §2.4(f)); errors are never sent about ICMP errors, fragments other than
 * the first, or packets to or from group addresses.
 */
final class IcmpErrors {
  private final Transmitter tx;
  private final WorkerCounters counters;
  private final long nanosPerToken;
  private final long burstNanos;
  private long bucketTime;
  private int identification;

  /** @param perSecond errors a worker may send per second on average; bursts of a tenth */
  IcmpErrors(Transmitter tx, WorkerCounters counters, int perSecond) {
    this.tx = tx;
    this.counters = counters;
    this.nanosPerToken = 1_000_000_000L / Math.max(1, perSecond);
    this.burstNanos = nanosPerToken * Math.max(1, perSecond / 10);
  }

  private boolean allow(long now) {
    if (now - bucketTime > burstNanos) {
      bucketTime = now - burstNanos;
    }
    if (now - bucketTime < nanosPerToken) {
      counters.icmpErrorsRateLimited++;
      return false;
    }
    bucketTime += nanosPerToken;
    return true;
  }

  /**
   * Sends an ICMPv4 error about the IPv4 packet at {@code ip} that arrived in {@code frame} on
   * {@code in}. {@code extra} fills bytes 4..7 of the ICMP header (the next-hop MTU for
   * fragmentation needed, else 0).
   */
  void ipv4(MemorySegment s, long frame, long ip, L3Interface in, int type, int code, int extra,
      long now) {
    int source = in.primaryIpv4();
    int dst = Ipv4.source(s, ip);
    if (source == 0 || Ipv4.isLaterFragment(s, ip) || (dst >>> 28) == 0xe || dst == -1
        || dst == 0 || Ethernet.isGroup(Ethernet.destination(s, frame))) {
      return;
    }
    int headerLength = Ipv4.headerLength(s, ip);
    if (Ipv4.protocol(s, ip) == Ipv4.PROTO_ICMP
        && Ipv4.totalLength(s, ip) > headerLength
        && Icmp.isV4Error(Bytes.u8(s, ip + headerLength))) {
      return;
    }
    if (!allow(now)) {
      return;
    }
    int quote = Math.min(Ipv4.totalLength(s, ip),
        Icmp.IPV4_ERROR_MAX - Ipv4.MIN_HEADER - Icmp.HEADER_LENGTH);
    int ipLength = Ipv4.MIN_HEADER + Icmp.HEADER_LENGTH + quote;
    PortQueue q = tx.queue(in.port());
    int l2 = in.vlan() == 0 ? Ethernet.HEADER_LENGTH : Ethernet.HEADER_LENGTH + 4;
    long at = q == null ? -1 : q.claimTx(l2 + ipLength);
    if (at < 0) {
      return;
    }
    MemorySegment out = q.txBuffer();
    Ethernet.writeHeader(out, at, Ethernet.source(s, frame), in.mac(), in.vlan(),
        Ethernet.TYPE_IPV4);
    long oip = at + l2;
    Ipv4.writeHeader(out, oip, ipLength, ++identification & 0xffff, 0, 64, Ipv4.PROTO_ICMP,
        source, dst);
    long icmp = oip + Ipv4.MIN_HEADER;
    Bytes.u8(out, icmp, type);
    Bytes.u8(out, icmp + 1, code);
    Bytes.u16(out, icmp + 2, 0);
    Bytes.u32(out, icmp + 4, extra);
    MemorySegment.copy(s, ip, out, icmp + Icmp.HEADER_LENGTH, quote);
    Bytes.u16(out, icmp + 2,
        InternetChecksum.compute(out, icmp, Icmp.HEADER_LENGTH + quote));
    tx.commit(q, in.port(), in.id(), l2 + ipLength);
    counters.icmpErrorsSent++;
  }

  /** Sends an ICMPv6 error about the IPv6 packet at {@code ip}; {@code extra} as for v4. */
  void ipv6(MemorySegment s, long frame, long ip, L3Interface in, int type, int code, int extra,
      long now) {
    long dstHi = Ipv6.sourceHi(s, ip);
    long dstLo = Ipv6.sourceLo(s, ip);
    if (Ipv6.isMulticast(dstHi) || (dstHi == 0 && (dstLo == 0 || dstLo == 1))
        || Ethernet.isGroup(Ethernet.destination(s, frame))) {
      return;
    }
    int available = Ipv6.HEADER_LENGTH + Ipv6.payloadLength(s, ip);
    long upper = Ipv6.upperLayer(s, ip, available);
    if (upper >= 0 && (int) (upper >>> 32) == Ipv6.PROTO_ICMPV6
        && Icmp.isV6Error(Bytes.u8(s, ip + (int) upper))) {
      return;
    }
    if (!allow(now)) {
      return;
    }
    long srcHi = Ipv6.LINK_LOCAL_HI;
    long srcLo = Ipv6.linkLocalLo(in.mac());
    long[] v6 = in.ipv6();
    for (int k = 0; k < v6.length; k += 2) {
      if (!Ipv6.isLinkLocal(v6[k])) {
        srcHi = v6[k];
        srcLo = v6[k + 1];
        break;
      }
    }
    int quote = Math.min(available,
        Icmp.IPV6_MIN_MTU - Ipv6.HEADER_LENGTH - Icmp.HEADER_LENGTH);
    int payload = Icmp.HEADER_LENGTH + quote;
    PortQueue q = tx.queue(in.port());
    int l2 = in.vlan() == 0 ? Ethernet.HEADER_LENGTH : Ethernet.HEADER_LENGTH + 4;
    long at = q == null ? -1 : q.claimTx(l2 + Ipv6.HEADER_LENGTH + payload);
    if (at < 0) {
      return;
    }
    MemorySegment out = q.txBuffer();
    Ethernet.writeHeader(out, at, Ethernet.source(s, frame), in.mac(), in.vlan(),
        Ethernet.TYPE_IPV6);
    long oip = at + l2;
    Ipv6Builder.header(out, oip, payload, Ipv6.PROTO_ICMPV6, 64, srcHi, srcLo, dstHi, dstLo);
    long icmp = oip + Ipv6.HEADER_LENGTH;
    Bytes.u8(out, icmp, type);
    Bytes.u8(out, icmp + 1, code);
    Bytes.u16(out, icmp + 2, 0);
    Bytes.u32(out, icmp + 4, extra);
    MemorySegment.copy(s, ip, out, icmp + Icmp.HEADER_LENGTH, quote);
    Ipv6Builder.icmpChecksum(out, oip, payload);
    tx.commit(q, in.port(), in.id(), l2 + Ipv6.HEADER_LENGTH + payload);
    counters.icmpErrorsSent++;
  }
}
