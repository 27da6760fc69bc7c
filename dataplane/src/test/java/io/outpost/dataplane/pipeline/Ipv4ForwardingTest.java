package io.outpost.dataplane.pipeline;

import static io.outpost.dataplane.pipeline.TestFrames.arp;
import static io.outpost.dataplane.pipeline.TestFrames.checksum;
import static io.outpost.dataplane.pipeline.TestFrames.ethernet;
import static io.outpost.dataplane.pipeline.TestFrames.ip4;
import static io.outpost.dataplane.pipeline.TestFrames.mac;
import static io.outpost.dataplane.pipeline.TestFrames.u16;
import static io.outpost.dataplane.pipeline.TestFrames.u32;
import static io.outpost.dataplane.pipeline.TestFrames.u8;
import static io.outpost.dataplane.pipeline.TestFrames.udp4;
import static io.outpost.dataplane.pipeline.WorkerFixture.GW;
import static io.outpost.dataplane.pipeline.WorkerFixture.GW2;
import static io.outpost.dataplane.pipeline.WorkerFixture.HOST_A;
import static io.outpost.dataplane.pipeline.WorkerFixture.HOST_B;
import static io.outpost.dataplane.pipeline.WorkerFixture.R0;
import static io.outpost.dataplane.pipeline.WorkerFixture.R1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Ipv4ForwardingTest {
  final WorkerFixture r = new WorkerFixture();
  static final int A = ip4(10, 0, 1, 2);
  static final int B = ip4(10, 0, 2, 2);

  private byte[] udp(int dst, int ttl) {
    return ethernet(R0, HOST_A, 0x0800, udp4(A, dst, ttl, 0, 1000, 2000, 18));
  }

  private void resolve(long mac, int ip) {
    r.fromB(ethernet(R1, mac, 0x0806, arp(2, mac, ip, R1, ip4(10, 0, 2, 1))));
  }

  @Test
  void resolvesTheNeighborThenForwardsTheWaitingPacket() {
    r.fromA(udp(B, 64));
    List<byte[]> out = r.atB();
    assertEquals(1, out.size(), "an ARP request, the packet waits");
    byte[] req = out.get(0);
    assertEquals(0xffff_ffff_ffffL, mac(req, 0));
    assertEquals(R1, mac(req, 6));
    assertEquals(0x0806, u16(req, 12));
    assertEquals(1, u16(req, 20), "request");
    assertEquals(ip4(10, 0, 2, 1), u32(req, 28), "sender is our address on the subnet");
    assertEquals(B, u32(req, 38));

    resolve(HOST_B, B);
    out = r.atB();
    assertEquals(1, out.size());
    byte[] f = out.get(0);
    assertEquals(HOST_B, mac(f, 0));
    assertEquals(R1, mac(f, 6));
    assertEquals(63, u8(f, 14 + 8), "TTL decremented");
    assertEquals(0, checksum(f, 14, 20), "header checksum still verifies");
    assertEquals(14 + 46, f.length);

    r.fromA(udp(B, 10));
    out = r.atB();
    assertEquals(1, out.size(), "resolved: forwarded in the same pass");
    assertEquals(9, u8(out.get(0), 22));
  }

  @Test
  void nothingArrivesOnAnInterfaceThatIsAdministrativelyDown() {
    resolve(GW, ip4(10, 0, 2, 9));
    r.disable(0);
    r.fromA(udp(ip4(198, 51, 100, 7), 64));
    assertEquals(0, r.atB().size(), "not forwarded");
    assertEquals(1, r.drops(DropReason.ADMIN_DOWN));
    int punted = r.punted.size();
    r.fromA(ethernet(R0, HOST_A, 0x0806, arp(1, HOST_A, A, 0, ip4(10, 0, 1, 1))));
    assertEquals(punted, r.punted.size(), "nor punted");
    assertEquals(2, r.drops(DropReason.ADMIN_DOWN));
  }

  @Test
  void forwardsThroughAGateway() {
    resolve(GW, ip4(10, 0, 2, 9));
    r.fromA(udp(ip4(198, 51, 100, 7), 64));
    List<byte[]> out = r.atB();
    assertEquals(1, out.size());
    assertEquals(GW, mac(out.get(0), 0));
    assertEquals(ip4(198, 51, 100, 7), u32(out.get(0), 14 + 16));
  }

  @Test
  void expiringTtlIsAnsweredWithTimeExceeded() {
    r.fromA(udp(B, 1));
    assertEquals(0, r.atB().size());
    List<byte[]> back = r.atA();
    assertEquals(1, back.size());
    byte[] e = back.get(0);
    assertEquals(HOST_A, mac(e, 0));
    assertEquals(R0, mac(e, 6));
    assertEquals(1, u8(e, 14 + 9), "ICMP");
    assertEquals(ip4(10, 0, 1, 1), u32(e, 14 + 12), "from the ingress interface");
    assertEquals(A, u32(e, 14 + 16));
    assertEquals(11, u8(e, 34));
    assertEquals(0, checksum(e, 14, 20));
    int icmpLength = u16(e, 16) - 20;
    assertEquals(0, checksum(e, 34, icmpLength), "ICMP checksum verifies");
    assertEquals(B, u32(e, 34 + 8 + 16), "quotes the original header");
    assertEquals(1, r.drops(DropReason.TTL_EXPIRED));
  }

  @Test
  void routeKindsNoRouteBlackholeReject() {
    r.fromA(udp(ip4(8, 8, 8, 8), 64));
    byte[] e = r.atA().get(0);
    assertEquals(3, u8(e, 34));
    assertEquals(0, u8(e, 35), "net unreachable");
    r.fromA(udp(ip4(203, 0, 113, 1), 64));
    assertEquals(0, r.atA().size(), "blackhole is silent");
    r.fromA(udp(ip4(192, 0, 2, 1), 64));
    e = r.atA().get(0);
    assertEquals(3, u8(e, 34));
    assertEquals(13, u8(e, 35), "administratively prohibited");
    assertEquals(1, r.drops(DropReason.NO_ROUTE));
    assertEquals(1, r.drops(DropReason.BLACKHOLE));
    assertEquals(1, r.drops(DropReason.REJECT));
    assertEquals(0, r.atB().size());
  }

  @Test
  void tooBigWithDontFragmentGetsFragmentationNeededWithTheMtu() {
    resolve(HOST_B, B);
    r.fromA(ethernet(R0, HOST_A, 0x0800, udp4(A, B, 64, 0x4000, 1, 2, 1400)));
    byte[] e = r.atA().get(0);
    assertEquals(3, u8(e, 34));
    assertEquals(4, u8(e, 35));
    assertEquals(1400, u16(e, 34 + 6), "next-hop MTU");
    assertEquals(0, r.atB().size());
    r.fromA(ethernet(R0, HOST_A, 0x0800, udp4(A, B, 64, 0x4000, 1, 2, 1372)));
    assertEquals(1, r.atB().size(), "exactly the MTU passes");
  }

  @Test
  void ownAddressesAndArpForThemGoToTheKernel() {
    r.fromA(udp(ip4(10, 0, 1, 1), 64));
    r.fromA(udp(ip4(10, 0, 2, 1), 64));
    r.fromA(ethernet(-1L & 0xffff_ffff_ffffL, HOST_A, 0x0806,
        arp(1, HOST_A, A, 0, ip4(10, 0, 1, 1))));
    r.fromA(ethernet(-1L & 0xffff_ffff_ffffL, HOST_A, 0x0806,
        arp(1, HOST_A, A, 0, ip4(10, 0, 1, 77))));
    assertEquals(3, r.punted.size());
    assertEquals(List.of(0, 0, 0), r.puntedOn);
    assertEquals(1, r.drops(DropReason.ARP_NOT_FOR_US));
    assertTrue(r.tables.neighbors().find4(0, A).usable(), "learned from the request to us");
  }

  @Test
  void neighborThatNeverAnswersGetsHostUnreachable() {
    r.fromA(udp(ip4(10, 0, 2, 50), 64));
    assertEquals(1, r.atB().size(), "first request");
    for (int i = 0; i < 5; i++) {
      r.advance(1_000_000_001L);
    }
    assertEquals(2, r.atB().size(), "two retries, then failed");
    List<byte[]> back = r.atA();
    assertEquals(1, back.size());
    assertEquals(3, u8(back.get(0), 34));
    assertEquals(1, u8(back.get(0), 35), "host unreachable");
    r.fromA(udp(ip4(10, 0, 2, 50), 64));
    assertEquals(1, r.atB().size(), "a new packet starts resolution again");
  }

  @Test
  void ecmpSpreadsFlowsAndKeepsEachFlowOnOnePath() {
    resolve(GW, ip4(10, 0, 2, 9));
    resolve(GW2, ip4(10, 0, 2, 10));
    int[] perPath = new int[2];
    for (int flow = 0; flow < 64; flow++) {
      long first = -1;
      for (int k = 0; k < 3; k++) {
        r.fromA(ethernet(R0, HOST_A, 0x0800,
            udp4(A, ip4(100, 64, flow, 1), 64, 0, 1000 + flow, 53, 10)));
        byte[] f = r.atB().get(0);
        if (first < 0) {
          first = mac(f, 0);
        }
        assertEquals(first, mac(f, 0), "flow stays on its path");
      }
      perPath[first == GW ? 0 : 1]++;
    }
    assertTrue(perPath[0] > 10 && perPath[1] > 10, "both paths used: " + perPath[0] + "/"
        + perPath[1]);
  }

  @Test
  void vlanSubInterfaceReceivesAndSendsTagged() {
    r.fromA(TestFrames.tagged(R0, HOST_A, 100, 0x0806,
        arp(2, HOST_B, ip4(10, 0, 3, 5), R0, ip4(10, 0, 3, 1))));
    r.fromB(ethernet(R1, HOST_B, 0x0800, udp4(B, ip4(10, 0, 3, 5), 64, 0, 1, 2, 10)));
    List<byte[]> out = r.atA();
    assertEquals(1, out.size());
    byte[] f = out.get(0);
    assertEquals(0x8100, u16(f, 12));
    assertEquals(100, u16(f, 14) & 0xfff);
    assertEquals(0x0800, u16(f, 16));
    assertEquals(HOST_B, mac(f, 0));
  }

  @Test
  void gratuitousArpWhenAnAddressAppears() {
    WorkerFixture fresh = new WorkerFixture();
    io.outpost.dataplane.table.ForwardingTables t = fresh.tables.forwarding();
    io.outpost.dataplane.table.L3Interface[] ifs = t.interfaces().clone();
    ifs[1] = ifs[1].withAddresses(new int[] {ip4(10, 0, 2, 1), ip4(10, 0, 9, 1)},
        new int[] {24, 24}, ifs[1].ipv6(), ifs[1].ipv6Lengths());
    fresh.tables.publish(new io.outpost.dataplane.table.ForwardingTables(2, 2, List.of(ifs),
        List.of(t.nextHops())));
    fresh.worker.doWork();
    List<byte[]> out = fresh.atB();
    assertEquals(1, out.size(), "only the new address is announced");
    assertEquals(ip4(10, 0, 9, 1), u32(out.get(0), 28));
    assertEquals(ip4(10, 0, 9, 1), u32(out.get(0), 38));
  }
}
