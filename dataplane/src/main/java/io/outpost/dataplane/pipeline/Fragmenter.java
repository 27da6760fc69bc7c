package io.outpost.dataplane.pipeline;

import io.outpost.dataplane.packet.Bytes;
import io.outpost.dataplane.packet.Ethernet;
import io.outpost.dataplane.packet.Ipv4;
import io.outpost.dataplane.port.PortQueue;
import io.outpost.dataplane.table.L3Interface;
import java.lang.foreign.MemorySegment;

/**
 * Splits an IPv4 packet without DF that is larger than the egress MTU into fragments (RFC 791
 * section 3.2, RFC 815's arithmetic), written straight into the transmit ring: each fragment
 * carries at most the MTU, its data a multiple of 8 bytes except the last; the first keeps
 * every option, later ones only the options whose copied flag is set; a packet that was
 * itself a fragment keeps its offset and its more-fragments flag on the last piece. Checksums
 * are computed per fragment. Nothing is allocated.
 */
final class Fragmenter {
  private static final int COPIED = 0x80;
  private static final int END = 0;
  private static final int NOP = 1;

  private Fragmenter() {}

  /**
   * Writes the fragments of the {@code length}-byte packet at {@code ip} in {@code src} to
   * {@code q}, each behind an Ethernet header from {@code out} to {@code dstMac}.
   *
   * @return how many fragments were written; fewer than needed when the ring filled up (the
   *     packet is then lost, as it would be on a wire)
   */
  static int fragment(PortQueue q, L3Interface out, long dstMac, MemorySegment src, long ip,
      int length, Transmitter tx) {
    int headerLength = Ipv4.headerLength(src, ip);
    int flags = Ipv4.flagsFragment(src, ip);
    int offset = (flags & Ipv4.FRAGMENT_OFFSET_MASK) * 8;
    boolean more = (flags & Ipv4.FLAG_MF) != 0;
    int l2 = out.vlan() == 0 ? Ethernet.HEADER_LENGTH
        : Ethernet.HEADER_LENGTH + Ethernet.TAG_LENGTH;
    int mtu = out.mtu();
    int data = length - headerLength;
    int sent = 0;
    int written = 0;
    boolean first = true;
    while (sent < data) {
      long at = q.claimTx(l2 + mtu);
      if (at < 0) {
        return written;
      }
      MemorySegment dst = q.txBuffer();
      Ethernet.writeHeader(dst, at, dstMac, out.mac(), out.vlan(), Ethernet.TYPE_IPV4);
      long fip = at + l2;
      int fragmentHeader = first ? copyHeader(src, ip, headerLength, dst, fip)
          : copyHeaderForLaterFragments(src, ip, headerLength, dst, fip);
      int room = (mtu - fragmentHeader) & ~7;
      int chunk = Math.min(room, data - sent);
      boolean last = sent + chunk == data;
      MemorySegment.copy(src, ip + headerLength + sent, dst, fip + fragmentHeader, chunk);
      Bytes.u16(dst, fip + Ipv4.TOTAL_LENGTH, fragmentHeader + chunk);
      Bytes.u16(dst, fip + Ipv4.FLAGS_FRAGMENT, ((offset + sent) >>> 3)
          | (last && !more ? 0 : Ipv4.FLAG_MF));
      Ipv4.writeChecksum(dst, fip, fragmentHeader);
      tx.commit(q, out.port(), out.id(), l2 + fragmentHeader + chunk);
      sent += chunk;
      written++;
      first = false;
    }
    return written;
  }

  private static int copyHeader(MemorySegment src, long ip, int headerLength, MemorySegment dst,
      long to) {
    MemorySegment.copy(src, ip, dst, to, headerLength);
    return headerLength;
  }

  /**
   * The fixed header and the options with the copied flag, padded with end-of-options to a
   * multiple of 4 bytes; an option that runs past the header ends the copying.
   */
  private static int copyHeaderForLaterFragments(MemorySegment src, long ip, int headerLength,
      MemorySegment dst, long to) {
    MemorySegment.copy(src, ip, dst, to, Ipv4.MIN_HEADER);
    int w = Ipv4.MIN_HEADER;
    int r = Ipv4.MIN_HEADER;
    while (r < headerLength) {
      int type = Bytes.u8(src, ip + r);
      if (type == END) {
        break;
      }
      if (type == NOP) {
        r++;
        continue;
      }
      int optionLength = r + 1 < headerLength ? Bytes.u8(src, ip + r + 1) : 0;
      if (optionLength < 2 || r + optionLength > headerLength) {
        break;
      }
      if ((type & COPIED) != 0) {
        MemorySegment.copy(src, ip + r, dst, to + w, optionLength);
        w += optionLength;
      }
      r += optionLength;
    }
    while ((w & 3) != 0) {
      Bytes.u8(dst, to + w++, END);
    }
    Bytes.u8(dst, to, 0x40 | (w >>> 2));
    return w;
  }
}
