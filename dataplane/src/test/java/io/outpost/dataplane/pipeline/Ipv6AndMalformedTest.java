package io.outpost.dataplane.pipeline;

import static io.outpost.dataplane.pipeline.TestFrames.ethernet;
import static io.outpost.dataplane.pipeline.TestFrames.ip4;
import static io.outpost.dataplane.pipeline.TestFrames.mac;
import static io.outpost.dataplane.pipeline.TestFrames.u16;
import static io.outpost.dataplane.pipeline.TestFrames.u32;
import static io.outpost.dataplane.pipeline.TestFrames.u8;
import static io.outpost.dataplane.pipeline.TestFrames.udp4;
import static io.outpost.dataplane.pipeline.TestFrames.udp6;
import static io.outpost.dataplane.pipeline.WorkerFixture.HOST_A;
import static io.outpost.dataplane.pipeline.WorkerFixture.HOST_B;
import static io.outpost.dataplane.pipeline.WorkerFixture.R0;
import static io.outpost.dataplane.pipeline.WorkerFixture.R1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ipv6AndMalformedTest {
  final WorkerFixture r = new WorkerFixture();
  static final byte[] A6 = addr(0x2001_0db8_0001_0000L, 2);
  static final byte[] B6 = addr(0x2001_0db8_0002_0000L, 2);

  static byte[] addr(long hi, long lo) {
    return ByteBuffer.allocate(16).putLong(hi).putLong(lo).array();
  }

  /** A neighbor advertisement from B for B6, solicited, with its target link-layer option. */
  static byte[] advertisement() {
    ByteBuffer icmp = ByteBuffer.allocate(32);
    icmp.put((byte) 136).put((byte) 0).putShort((short) 0).putInt(0x6000_0000).put(B6)
        .put((byte) 2).put((byte) 1);
    TestFrames.putMac(icmp, HOST_B);
    ByteBuffer ip = ByteBuffer.allocate(40 + 32);
    ip.putInt(0x6000_0000).putShort((short) 32).put((byte) 58).put((byte) 255).put(B6)
        .put(addr(0xfe80_0000_0000_0000L, io.outpost.dataplane.packet.Ipv6.linkLocalLo(R1)))
        .put(icmp.array());
    return ethernet(R1, HOST_B, 0x86dd, ip.array());
  }

  @Test
  void forwardsIpv6AfterNeighborDiscovery() {
    r.fromA(ethernet(R0, HOST_A, 0x86dd, udp6(A6, B6, 64, 20)));
    List<byte[]> out = r.atB();
    assertEquals(1, out.size());
    byte[] ns = out.get(0);
    assertEquals(0x3333_ff00_0002L, mac(ns, 0), "solicited-node multicast MAC");
    assertEquals(135, u8(ns, 14 + 40), "neighbor solicitation");
    assertEquals(255, u8(ns, 14 + 7));
    r.fromB(advertisement());
    out = r.atB();
    assertEquals(1, out.size());
    assertEquals(HOST_B, mac(out.get(0), 0));
    assertEquals(63, u8(out.get(0), 14 + 7), "hop limit decremented");
  }

  /** RFC 8950: an IPv4 route whose next hop is IPv6 (WorkerFixture's 198.18.0.0/15). */
  @Test
  void forwardsIpv4ToAnIpv6NextHopFoundWithNeighborDiscovery() {
    int dst = ip4(198, 18, 0, 5);
    r.fromA(ethernet(R0, HOST_A, 0x0800, udp4(ip4(10, 0, 1, 2), dst, 64, 0, 1000, 2000, 18)));
    List<byte[]> out = r.atB();
    assertEquals(1, out.size(), "a solicitation for the IPv6 next hop; the packet waits");
    assertEquals(135, u8(out.get(0), 14 + 40), "neighbor solicitation, not ARP");
    assertEquals(0x3333_ff00_0002L, mac(out.get(0), 0), "for 2001:db8:2::2");
    r.fromB(advertisement());
    out = r.atB();
    assertEquals(1, out.size());
    byte[] f = out.get(0);
    assertEquals(HOST_B, mac(f, 0), "to the IPv6 neighbor's MAC");
    assertEquals(0x0800, u16(f, 12), "still IPv4");
    assertEquals(63, u8(f, 14 + 8), "TTL decremented");
    assertEquals(dst, u32(f, 14 + 16));
  }

  @Test
  void hopLimitAndPacketTooBig() {
    r.fromA(ethernet(R0, HOST_A, 0x86dd, udp6(A6, B6, 1, 20)));
    byte[] e = r.atA().get(0);
    assertEquals(58, u8(e, 14 + 6));
    assertEquals(3, u8(e, 54), "time exceeded");
    r.fromB(advertisement());
    r.fromA(ethernet(R0, HOST_A, 0x86dd, udp6(A6, B6, 64, 1400)));
    e = r.atA().get(0);
    assertEquals(2, u8(e, 54), "packet too big");
    assertEquals(1400, u32(e, 54 + 4), "with the MTU");
    assertEquals(0x2001_0db8_0001_0000L, ByteBuffer.wrap(e, 14 + 8, 8).getLong(),
        "from the ingress interface's global address");
  }

  @Test
  void linkLocalDestinationsAreNotForwarded() {
    r.fromA(ethernet(R0, HOST_A, 0x86dd, udp6(A6, addr(0xfe80_0000_0000_0000L, 9), 64, 0)));
    assertEquals(1, r.drops(DropReason.LINK_LOCAL_NOT_FORWARDED));
  }

  @Test
  void malformedFramesAreDroppedAndCountedByReason() {
    byte[] good = udp4(ip4(10, 0, 1, 2), ip4(10, 0, 2, 2), 64, 0, 1, 2, 10);
    r.fromA(new byte[10]);
    assertEquals(1, r.drops(DropReason.TRUNCATED_ETHERNET));
    r.fromA(ethernet(R0, HOST_A, 0x0800, Arrays.copyOf(good, 12)));
    assertEquals(1, r.drops(DropReason.TRUNCATED_IPV4));
    byte[] badIhl = good.clone();
    badIhl[0] = 0x44;
    r.fromA(ethernet(R0, HOST_A, 0x0800, badIhl));
    assertEquals(1, r.drops(DropReason.BAD_IPV4_IHL));
    byte[] badVersion = good.clone();
    badVersion[0] = 0x55;
    r.fromA(ethernet(R0, HOST_A, 0x0800, badVersion));
    assertEquals(1, r.drops(DropReason.BAD_IPV4_VERSION));
    byte[] badSum = good.clone();
    badSum[11] ^= 1;
    r.fromA(ethernet(R0, HOST_A, 0x0800, badSum));
    assertEquals(1, r.drops(DropReason.BAD_IPV4_CHECKSUM));
    byte[] longer = good.clone();
    longer[3] = (byte) 200; // total length past the frame (checksum fixed below)
    longer[10] = 0;
    longer[11] = 0;
    int sum = TestFrames.checksum(longer, 0, 20);
    longer[10] = (byte) (sum >>> 8);
    longer[11] = (byte) sum;
    r.fromA(ethernet(R0, HOST_A, 0x0800, longer));
    assertEquals(1, r.drops(DropReason.BAD_IPV4_LENGTH));
    r.fromA(ethernet(R0, HOST_A, 0x86dd, Arrays.copyOf(udp6(A6, B6, 64, 0), 30)));
    assertEquals(1, r.drops(DropReason.TRUNCATED_IPV6));
    r.fromA(ethernet(0x02_99_99_99_99_99L, HOST_A, 0x0800, good));
    assertEquals(1, r.drops(DropReason.NOT_FOR_US));
    r.fromA(ethernet(R0, HOST_A, 0x88cc, new byte[40]));
    assertEquals(1, r.drops(DropReason.UNSUPPORTED_ETHERTYPE));
    r.fromA(TestFrames.tagged(R0, HOST_A, 200, 0x0800, good));
    assertEquals(1, r.drops(DropReason.UNKNOWN_INTERFACE));
    assertEquals(0, r.atB().size());
  }

  @Test
  void randomGarbageNeverThrowsAndEveryFrameHasExactlyOneOutcome() {
    Random random = new Random(42);
    byte[] template = ethernet(R0, HOST_A, 0x0800,
        udp4(ip4(10, 0, 1, 2), ip4(10, 0, 2, 2), 64, 0, 1, 2, 30));
    byte[] template6 = ethernet(R0, HOST_A, 0x86dd, udp6(A6, B6, 64, 30));
    WorkerCounters c = r.worker.counters();
    for (int i = 0; i < 20_000; i++) {
      byte[] f = (i % 2 == 0 ? template : template6).clone();
      f = Arrays.copyOf(f, 1 + random.nextInt(f.length));
      for (int k = random.nextInt(4); k > 0 && f.length > 12; k--) {
        f[12 + random.nextInt(f.length - 12)] = (byte) random.nextInt();
      }
      long before = outcomes(c);
      r.fromA(f);
      byte[] sent = f;
      assertEquals(before + 1, outcomes(c), () -> "one outcome for " + Arrays.toString(sent));
      r.atA();
      r.atB();
    }
    assertEquals(20_000, c.stageFrames[Stage.ETHERNET_INPUT.ordinal()]);
  }

  /** Dropped, punted, handed to output, or queued for resolution: the terminal outcomes. */
  private static long outcomes(WorkerCounters c) {
    long dropped = Arrays.stream(c.drops).sum() - c.drops[DropReason.TX_RING_FULL.ordinal()];
    return dropped + Arrays.stream(c.punted).sum() + c.stageFrames[Stage.OUTPUT.ordinal()]
        + c.neighborQueued;
  }
}
