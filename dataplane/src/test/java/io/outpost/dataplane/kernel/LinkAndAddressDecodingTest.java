package io.outpost.dataplane.kernel;

import static io.outpost.dataplane.kernel.NetlinkBytes.buffer;
import static io.outpost.dataplane.kernel.NetlinkBytes.hex;
import static io.outpost.dataplane.kernel.NetlinkBytes.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Decoding of link and address messages and of their attributes: a dump datagram captured from
 * the kernel, hand-built messages for the cases a capture cannot show, and every truncation and
 * single-byte corruption of the capture.
 */
class LinkAndAddressDecodingTest {
  private static final byte[] CAPTURED_DUMP = resource("rtm-newlink-dump.hex");

  @Test
  void decodesACapturedLinkDump() {
    List<Link> links = decodeLinks(buffer(CAPTURED_DUMP), CAPTURED_DUMP.length);

    assertEquals(
        List.of(
            new Link(
                1, "lo", "", 65536, 0, 0, true, "unknown", "00:00:00:00:00:00",
                new LinkStats(4, 4, 336, 336, 0, 0, 0, 0, 0)),
            new Link(
                2, "ifb0", "ifb", 9000, 0, 0, true, "unknown", "02:00:5e:00:53:01",
                new LinkStats(1, 0, 70, 0, 0, 0, 1, 0, 0))),
        links);
  }

  @Test
  void headersOfTheCapturedDumpSayMultipartAndSequence7() {
    NetlinkDatagram message = new NetlinkDatagram(buffer(CAPTURED_DUMP), CAPTURED_DUMP.length);
    int count = 0;
    while (message.next()) {
      assertEquals(NlMsg.RTM_NEWLINK, message.type());
      assertEquals(NlMsg.NLM_F_MULTI, message.flags());
      assertEquals(7, message.sequence());
      count++;
    }
    assertEquals(2, count);
  }

  @Test
  void decodesEveryCompleteMessageOfATruncatedDatagramAndRefusesTheRest() {
    int first = buffer(CAPTURED_DUMP).getInt(NlMsg.LENGTH_OFFSET);
    int total = CAPTURED_DUMP.length;
    for (int cut = 0; cut <= total; cut++) {
      ByteBuffer buffer = buffer(CAPTURED_DUMP);
      List<Link> links = new ArrayList<>();
      NetlinkException failure = null;
      try {
        NetlinkDatagram message = new NetlinkDatagram(buffer, cut);
        while (message.next()) {
          links.add(LinkMessage.decode(buffer, message.payloadOffset(), message.payloadLength()));
        }
      } catch (NetlinkException e) {
        failure = e;
      }

      // Fewer bytes than a header after the last complete message are taken as padding.
      boolean cutInsideAMessage =
          cut >= NlMsg.HEADER_SIZE && cut < first
              || cut >= first + NlMsg.HEADER_SIZE && cut < total;
      assertEquals(cutInsideAMessage, failure != null, "cut at " + cut);
      if (failure != null) {
        assertEquals(Errno.EBADMSG, failure.errno());
      }
      assertEquals(cut == total ? 2 : cut >= first ? 1 : 0, links.size(), "cut at " + cut);
    }
  }

  @Test
  void refusesCorruptedBytesOnlyWithEbadmsg() {
    for (int at = 0; at < CAPTURED_DUMP.length; at++) {
      for (byte value : new byte[] {0, 1, 0x7f, (byte) 0x80, (byte) 0xff}) {
        byte[] corrupted = CAPTURED_DUMP.clone();
        corrupted[at] = value;
        try {
          decodeLinks(buffer(corrupted), corrupted.length);
        } catch (NetlinkException e) {
          assertEquals(Errno.EBADMSG, e.errno(), "byte " + at + " = " + value);
        }
      }
    }
  }

  @Test
  void namesEveryOperationalState() {
    String[] expected = {
      "unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up", "state 7"
    };
    for (int state = 0; state < expected.length; state++) {
      byte[] message =
          hex(
              """
              00 00 0100 05000000 00000000 00000000 | ifinfomsg: ARPHRD_ETHER, ifindex 5
              0500 1000 %02x 000000                  | IFLA_OPERSTATE, 3 bytes padding
              """
                  .formatted(state));

      Link link = LinkMessage.decode(buffer(message), 0, message.length);

      assertEquals(expected[state], link.operState());
    }
  }

  @Test
  void readsLinkInfoWhetherOrNotMarkedNestedAndDefaultsWhatIsAbsent() {
    byte[] message =
        hex(
            """
            00 00 0100 05000000 00100000 00000000 | ifinfomsg: ifindex 5, IFF_UP not set
            1000 1280 | IFLA_LINKINFO, with NLA_F_NESTED set
            0900 0100 76657468 00 000000 | { IFLA_INFO_KIND "veth\\0" }
            """);

    Link link = LinkMessage.decode(buffer(message), 0, message.length);

    assertEquals(
        new Link(5, "", "veth", 0, 0, 0, false, "unknown", "",
            new LinkStats(0, 0, 0, 0, 0, 0, 0, 0, 0)),
        link);
  }

  @Test
  void refusesStatsShorterThanTheNineCountersRead() {
    byte[] message =
        hex(
            """
            00 00 0100 05000000 00000000 00000000 | ifinfomsg
            1400 1700 0100000000000000 0200000000000000 | IFLA_STATS64 with only two counters
            """);

    NetlinkException e =
        assertThrows(
            NetlinkException.class, () -> LinkMessage.decode(buffer(message), 0, message.length));
    assertEquals(Errno.EBADMSG, e.errno());
  }

  @Test
  void takesTheLocalAddressOfAPointToPointIpv4Address() throws Exception {
    byte[] message =
        hex(
            """
            02 20 80 00 09000000 | AF_INET, /32, IFA_F_PERMANENT, universe, ifindex 9
            0800 0100 c6336402   | IFA_ADDRESS 198.51.100.2: the peer
            0800 0200 c6336401   | IFA_LOCAL 198.51.100.1: ours
            """);

    assertEquals(
        Optional.of(new Address(9, InetAddress.getByName("198.51.100.1"), 32, 0, 0x80)),
        AddressMessage.decode(buffer(message), 0, message.length));
  }

  @Test
  void takesIpv6AddressAndThirtyTwoBitFlags() throws Exception {
    byte[] message =
        hex(
            """
            0a 40 80 fd 04000000 | AF_INET6, /64, IFA_F_PERMANENT (low 8 bits), link, ifindex 4
            1400 0100 fe800000000000000000000000000001 | IFA_ADDRESS fe80::1
            0800 0800 80020000                          | IFA_FLAGS PERMANENT|NOPREFIXROUTE
            """);

    assertEquals(
        Optional.of(new Address(4, InetAddress.getByName("fe80::1"), 64, 253, 0x280)),
        AddressMessage.decode(buffer(message), 0, message.length));
  }

  @Test
  void skipsFamiliesOtherThanIpv4AndIpv6() {
    byte[] message =
        hex(
            """
            1c 14 00 00 04000000 | AF_MPLS, ifindex 4
            0800 0100 00010000   | a label, not an IP address
            """);

    assertEquals(Optional.empty(), AddressMessage.decode(buffer(message), 0, message.length));
  }

  @Test
  void refusesAnAddressOfTheWrongLength() {
    byte[] message =
        hex(
            """
            02 18 00 00 03000000 | AF_INET, /24, ifindex 3
            0900 0200 c000020100 000000 | IFA_LOCAL of 5 bytes
            """);

    NetlinkException e =
        assertThrows(
            NetlinkException.class,
            () -> AddressMessage.decode(buffer(message), 0, message.length));
    assertEquals(Errno.EBADMSG, e.errno());
  }

  @Test
  void alignsAttributesLetsTheLastDuplicateWinAndIgnoresShortTrailingPadding() {
    byte[] region =
        hex(
            """
            0500 0100 aa 000000 | type 1, one byte, three bytes padding
            0800 0200 01000000  | type 2 = 1
            0800 0200 02000000  | type 2 again = 2: the kernel's nla_parse keeps the last
            0000                | two trailing bytes, too few for an attribute header
            """);

    NetlinkAttributes attributes = NetlinkAttributes.parse(buffer(region), 0, region.length);

    assertEquals(0xaa, attributes.u8(1, -1));
    assertEquals(2, attributes.u32(2, -1));
    assertEquals(-1, attributes.u32(3, -1));
    assertFalse(attributes.has(3));
    assertFalse(attributes.has(1000));
  }

  @Test
  void refusesAttributeLengthsBelowTheHeaderOrPastTheEnd() {
    for (String bad : new String[] {"0300 0100 000000", "0c00 0100 01000000"}) {
      byte[] region = hex(bad);

      NetlinkException e =
          assertThrows(
              NetlinkException.class,
              () -> NetlinkAttributes.parse(buffer(region), 0, region.length));
      assertEquals(Errno.EBADMSG, e.errno(), bad);
    }
  }

  private static List<Link> decodeLinks(ByteBuffer buffer, int length) {
    List<Link> links = new ArrayList<>();
    NetlinkDatagram message = new NetlinkDatagram(buffer, length);
    while (message.next()) {
      links.add(LinkMessage.decode(buffer, message.payloadOffset(), message.payloadLength()));
    }
    return links;
  }
}
