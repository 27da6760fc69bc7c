package io.outpost.dataplane.kernel;

import static io.outpost.dataplane.kernel.NetlinkBytes.hex;
import static io.outpost.dataplane.kernel.NetlinkBytes.remaining;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Each rtnetlink request against bytes written out by hand from the UAPI headers. */
class RtRequestEncoderTest {
  private final RtRequestEncoder encoder =
      new RtRequestEncoder(ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder()));

  @Test
  void setsIffUpAndChangesOnlyThatFlag() {
    assertArrayEquals(
        hex(
            """
            20000000 1000 0500 01000000 00000000 | 32 bytes, RTM_NEWLINK, REQUEST|ACK, seq 1
            00 00 0000 03000000 01000000 01000000 | AF_UNSPEC, ifindex 3, set IFF_UP, change IFF_UP
            """),
        remaining(encoder.setLinkUp(1, 3, true)));
    assertArrayEquals(
        hex(
            """
            20000000 1000 0500 02000000 00000000 | 32 bytes, RTM_NEWLINK, REQUEST|ACK, seq 2
            00 00 0000 03000000 00000000 01000000 | AF_UNSPEC, ifindex 3, flags 0, change IFF_UP
            """),
        remaining(encoder.setLinkUp(2, 3, false)));
  }

  @Test
  void setsMtuWithAnAttribute() {
    assertArrayEquals(
        hex(
            """
            28000000 1000 0500 05000000 00000000 | 40 bytes, RTM_NEWLINK, REQUEST|ACK, seq 5
            00 00 0000 07000000 00000000 00000000 | AF_UNSPEC, ifindex 7, no flag changes
            0800 0400 28230000                    | IFLA_MTU 9000
            """),
        remaining(encoder.setMtu(5, 7, 9000)));
  }

  @Test
  void asksForOneLinkByNulTerminatedPaddedName() {
    assertArrayEquals(
        hex(
            """
            2c000000 1200 0100 09000000 00000000 | 44 bytes, RTM_GETLINK, REQUEST, seq 9
            00 00 0000 00000000 00000000 00000000 | AF_UNSPEC, any index
            0a00 0300 766574683000 0000           | IFLA_IFNAME "veth0\\0" (10 bytes), 2 padding
            """),
        remaining(encoder.linkByName(9, "veth0")));
  }

  @Test
  void dumpsLinksAndAddresses() {
    assertArrayEquals(
        hex(
            """
            20000000 1200 0103 0b000000 00000000 | 32 bytes, RTM_GETLINK, REQUEST|DUMP, seq 11
            00 00 0000 00000000 00000000 00000000 | AF_UNSPEC
            """),
        remaining(encoder.linkDump(11)));
    assertArrayEquals(
        hex(
            """
            18000000 1600 0103 0c000000 00000000 | 24 bytes, RTM_GETADDR, REQUEST|DUMP, seq 12
            00 00 00 00 00000000                  | AF_UNSPEC: IPv4 and IPv6
            """),
        remaining(encoder.addressDump(12)));
  }

  @Test
  void addsAnIpv4AddressExclusively() throws Exception {
    assertArrayEquals(
        hex(
            """
            28000000 1400 0506 0d000000 00000000 | 40 bytes, RTM_NEWADDR, REQUEST|ACK|EXCL|CREATE
            02 18 00 00 03000000                  | AF_INET, /24, flags 0, universe, ifindex 3
            0800 0200 c0000201                    | IFA_LOCAL 192.0.2.1
            0800 0100 c0000201                    | IFA_ADDRESS 192.0.2.1: no peer
            """),
        remaining(encoder.addAddress(13, 3, InetAddress.getByName("192.0.2.1"), 24)));
  }

  @Test
  void givesIpv4LoopbackAddressesHostScope() throws Exception {
    ByteBuffer request = encoder.addAddress(14, 1, InetAddress.getByName("127.0.0.2"), 8);

    assertEquals((byte) 254, request.get(NlMsg.HEADER_SIZE + AddressMessage.SCOPE_OFFSET));
  }

  @Test
  void deletesAnIpv6Address() throws Exception {
    assertArrayEquals(
        hex(
            """
            40000000 1500 0500 0f000000 00000000 | 64 bytes, RTM_DELADDR, REQUEST|ACK, seq 15
            0a 40 00 00 04000000                  | AF_INET6, /64, flags 0, universe, ifindex 4
            1400 0200 20010db8000000000000000000000001 | IFA_LOCAL 2001:db8::1
            1400 0100 20010db8000000000000000000000001 | IFA_ADDRESS 2001:db8::1
            """),
        remaining(encoder.deleteAddress(15, 4, InetAddress.getByName("2001:db8::1"), 64)));
  }

  @Test
  void leavesNothingOfAnEarlierRequestInALaterOne() throws Exception {
    encoder.deleteAddress(1, 0x7f7f7f7f, InetAddress.getByName("ffff:ffff::ffff"), 128);

    assertArrayEquals(
        hex(
            """
            2c000000 1200 0100 02000000 00000000 | 44 bytes, RTM_GETLINK, REQUEST, seq 2
            00 00 0000 00000000 00000000 00000000 | AF_UNSPEC, any index
            0900 0300 65746831 00 000000           | IFLA_IFNAME "eth1\\0" (9 bytes), zero padding
            """),
        remaining(encoder.linkByName(2, "eth1")));
  }

  @Test
  void encodesAnAddressThatDecodesBackUnchanged() throws Exception {
    for (var address : new InetAddress[] {
      InetAddress.getByName("198.51.100.9"), InetAddress.getByName("2001:db8:5::77")
    }) {
      ByteBuffer request = encoder.addAddress(1, 12, address, 29);

      Address decoded =
          AddressMessage.decode(
                  request, NlMsg.HEADER_SIZE, request.remaining() - NlMsg.HEADER_SIZE)
              .orElseThrow();

      assertEquals(new Address(12, address, 29, 0, 0), decoded);
    }
  }

  @Test
  void replacesAGatewayRouteAsIpRouteReplaceDoes() throws Exception {
    KernelRoute route = new KernelRoute(InetAddress.getByName("203.0.113.0"), 24,
        KernelRoute.Type.UNICAST, java.util.List.of(
            new KernelRoute.Hop(4, InetAddress.getByName("10.2.0.2"))));
    assertArrayEquals(
        hex(
            """
            3c000000 1800 0505 03000000 00000000 | 60 bytes, RTM_NEWROUTE, REQUEST|ACK|CREATE|REPLACE
            02 18 00 00 fe 04 00 01 00000000      | AF_INET /24, main table, static, universe, unicast
            0800 0100 cb007100                    | RTA_DST 203.0.113.0
            0800 0600 14000000                    | RTA_PRIORITY 20
            0800 0400 04000000                    | RTA_OIF 4
            0800 0500 0a020002                    | RTA_GATEWAY 10.2.0.2
            """),
        remaining(encoder.replaceRoute(3, route)));
  }

  @Test
  void writesEcmpHopsAsRtaMultipathAndDropsAsTheirType() throws Exception {
    KernelRoute ecmp = new KernelRoute(InetAddress.getByName("100.64.0.0"), 10,
        KernelRoute.Type.UNICAST, java.util.List.of(
            new KernelRoute.Hop(2, InetAddress.getByName("10.1.0.9")),
            new KernelRoute.Hop(3, InetAddress.getByName("10.2.0.9"))));
    assertArrayEquals(
        hex(
            """
            50000000 1800 0505 04000000 00000000 | 80 bytes, RTM_NEWROUTE
            02 0a 00 00 fe 04 00 01 00000000      | AF_INET /10, main, static, universe, unicast
            0800 0100 64400000                    | RTA_DST 100.64.0.0
            0800 0600 14000000                    | RTA_PRIORITY 20
            2400 0900                             | RTA_MULTIPATH, 36 bytes
            1000 00 00 02000000 0800 0500 0a010009 | rtnexthop ifindex 2, RTA_GATEWAY 10.1.0.9
            1000 00 00 03000000 0800 0500 0a020009 | rtnexthop ifindex 3, RTA_GATEWAY 10.2.0.9
            """),
        remaining(encoder.replaceRoute(4, ecmp)));
    KernelRoute blackhole = new KernelRoute(InetAddress.getByName("2001:db8::"), 32,
        KernelRoute.Type.BLACKHOLE, java.util.List.of());
    assertArrayEquals(
        hex(
            """
            38000000 1900 0500 05000000 00000000 | 56 bytes, RTM_DELROUTE, REQUEST|ACK
            0a 20 00 00 fe 00 ff 00 00000000      | AF_INET6 /32, main, any protocol, nowhere, any type
            1400 0100 20010db8000000000000000000000000 | RTA_DST 2001:db8::
            0800 0600 14000000                    | RTA_PRIORITY 20
            """),
        remaining(encoder.deleteRoute(5, blackhole.key())));
  }
}
