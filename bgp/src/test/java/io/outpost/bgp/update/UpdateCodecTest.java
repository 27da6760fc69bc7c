package io.outpost.bgp.update;

import static io.outpost.bgp.wire.BgpCodecTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outpost.bgp.attr.AsPath;
import io.outpost.bgp.attr.Communities;
import io.outpost.bgp.attr.PathAttributes;
import io.outpost.bgp.wire.BgpCodec;
import io.outpost.bgp.wire.BgpCodecTest;
import io.outpost.bgp.wire.BgpError;
import io.outpost.bgp.wire.BgpMessage;
import io.outpost.bgp.wire.Family;
import io.outpost.bgp.wire.Nlri;
import io.outpost.bgp.wire.SessionOptions;
import io.outpost.bgp.wire.Tshark;
import io.outpost.bgp.wire.UpdateMessage;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UpdateWriter and UpdateReader against each other, against hand-written bytes, and against
 * tshark; and RFC 7606's three actions, each on the case the RFC names.
 */
class UpdateCodecTest {
  static final SessionOptions FOUR_OCTET = new SessionOptions(false, true, Set.of(), Set.of());
  static final SessionOptions TWO_OCTET = new SessionOptions(false, false, Set.of(), Set.of());

  @TempDir
  Path dir;

  static PathAttributes full(String nextHop) throws Exception {
    return PathAttributes.builder().origin(PathAttributes.ORIGIN_IGP)
        .asPath(AsPath.sequence(65001, 4_200_000_001L, 65003))
        .nextHop(InetAddress.getByName(nextHop)).med(50).localPref(200)
        .communities(new int[] {Communities.parse("65001:100"), Communities.NO_EXPORT})
        .largeCommunities(Communities.parseLarge("4200000001:1:2"))
        .extendedCommunities(new long[] {0x0002_fde9_0000_0064L})
        .unknownTransitive(hex("e0 c8 02 abcd")).build();
  }

  static long[] prefixes(Family family, int count) {
    long[] p = new long[count * Nlri.STRIDE];
    for (int i = 0; i < count; i++) {
      if (family == Family.IPV4_UNICAST) {
        p[i * 3] = 0x0a00_0000L | (long) i << 8;
        p[i * 3 + 2] = 24;
      } else {
        p[i * 3] = 0x2001_0db8_0000_0000L | (long) i << 16;
        p[i * 3 + 2] = 48;
      }
    }
    return p;
  }

  private static List<ReceivedUpdate> readAll(List<UpdateMessage> sent, SessionOptions o,
      boolean external) throws BgpError {
    List<ReceivedUpdate> got = new ArrayList<>();
    for (UpdateMessage m : sent) {
      assertTrue(BgpCodecTest.encode(m, o).length <= BgpCodec.MAX_LENGTH, "fits 4096 octets");
      got.add(new UpdateReader(o, external).read(m));
    }
    return got;
  }

  @Test
  void whatTheWriterWritesTheReaderReadsBackForBothFamiliesAndBothAsWidths() throws Exception {
    for (SessionOptions o : List.of(FOUR_OCTET, TWO_OCTET)) {
      for (Family family : Family.values()) {
        PathAttributes sent = full(family == Family.IPV4_UNICAST ? "192.0.2.1" : "2001:db8::1");
        long[] prefixes = prefixes(family, 2000);
        List<UpdateMessage> messages = new UpdateWriter(o).announce(family, sent, prefixes);
        assertTrue(messages.size() > 1, "2000 prefixes need more than one message");
        List<Long> back = new ArrayList<>();
        for (ReceivedUpdate r : readAll(messages, o, false)) {
          assertEquals(List.of(), r.problems());
          assertEquals(1, r.announced().size());
          assertEquals(family, r.announced().get(0).family());
          assertEquals(sent, r.announced().get(0).attributes(), o + " " + family);
          for (long v : r.announced().get(0).prefixes()) {
            back.add(v);
          }
        }
        assertArrayEquals(prefixes, back.stream().mapToLong(Long::longValue).toArray());
      }
    }
  }

  @Test
  void withdrawalsAndEndOfRibMarkersRoundTrip() throws Exception {
    for (Family family : Family.values()) {
      UpdateWriter writer = new UpdateWriter(FOUR_OCTET);
      List<UpdateMessage> messages = new ArrayList<>();
      messages.addAll(writer.withdraw(family, prefixes(family, 3)));
      ReceivedUpdate r = readAll(messages, FOUR_OCTET, true).get(0);
      assertEquals(family, r.withdrawn().get(0).family());
      assertArrayEquals(prefixes(family, 3), r.withdrawn().get(0).prefixes());
      assertNull(r.endOfRib());
      assertEquals(family, new UpdateReader(FOUR_OCTET, true).read(writer.endOfRib(family))
          .endOfRib());
    }
  }

  @Test
  void updatesThroughOneNextHopShareItsOctetsAndOthersGetTheirOwn() throws Exception {
    UpdateWriter writer = new UpdateWriter(FOUR_OCTET);
    UpdateReader reader = new UpdateReader(FOUR_OCTET, true);
    for (Family f : List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)) {
      String hop = f == Family.IPV4_UNICAST ? "192.0.2.1" : "2001:db8::1";
      String other = f == Family.IPV4_UNICAST ? "192.0.2.2" : "2001:db8::2";
      byte[] first = reader.read(writer.announce(f, full(hop), prefixes(f, 1)).get(0))
          .announced().get(0).attributes().nextHop();
      byte[] again = reader.read(writer.announce(f, full(hop).toBuilder().med(7).build(),
          prefixes(f, 1)).get(0)).announced().get(0).attributes().nextHop();
      byte[] elsewhere = reader.read(writer.announce(f, full(other), prefixes(f, 1)).get(0))
          .announced().get(0).attributes().nextHop();
      assertSame(first, again, f + ": same next hop, one array");
      assertNotSame(first, elsewhere, f.toString());
      assertArrayEquals(InetAddress.getByName(other).getAddress(), elsewhere, f.toString());
    }
  }

  @Test
  void fromAnExternalPeerLocalPrefIsIgnored() throws Exception {
    UpdateMessage m = new UpdateWriter(FOUR_OCTET).announce(Family.IPV4_UNICAST,
        full("192.0.2.1"), prefixes(Family.IPV4_UNICAST, 1)).get(0);
    assertEquals(-1, new UpdateReader(FOUR_OCTET, true).read(m).announced().get(0).attributes()
        .localPref());
  }

  @Test
  void anAsPathOfManyOneAsSegmentsIsRead() throws Exception {
    // Four AS_SEQUENCEs of one 2-octet AS each: 16 octets, 12 ints. The reader once sized its
    // array for 10 and threw; Jazzer found it (DecoderFuzzTestInputs/updateBody keeps the input).
    UpdateMessage m = new UpdateMessage(new byte[0], hex("40010100 40021002010001 02010002"
        + " 02010003 02010004 400304c0000201"), hex("18cb0071"));
    ReceivedUpdate r = new UpdateReader(TWO_OCTET, true).read(m);
    assertEquals(List.of(), r.problems());
    assertEquals("1 2 3 4", AsPath.toString(r.announced().get(0).attributes().asPath()));
  }

  /** ORIGIN, AS_PATH, NEXT_HOP and then {@code extra}, for 203.0.113.0/24. */
  private static UpdateMessage ipv4(String extra) {
    return new UpdateMessage(new byte[0],
        hex("40010100 40020602010000fde9 400304c0000201 " + extra), hex("18cb0071"));
  }

  private static ReceivedUpdate read(UpdateMessage m) throws BgpError {
    return new UpdateReader(FOUR_OCTET, true).read(m);
  }

  @Test
  void rfc7606TreatAsWithdraw() throws BgpError {
    for (String bad : List.of(
        "c0 08 03 000001",          // COMMUNITIES not a multiple of 4
        "c0 20 08 0000000100000002", // LARGE_COMMUNITY not a multiple of 12
        "c0 10 04 00000001",        // EXTENDED_COMMUNITIES not a multiple of 8
        "80 04 02 0001",            // MULTI_EXIT_DISC of 2 octets
        "c0 04 04 00000001")) {     // MULTI_EXIT_DISC with the transitive bit: flags error
      ReceivedUpdate r = read(ipv4(bad));
      assertTrue(r.treatedAsWithdraw(), bad);
      assertEquals(List.of(), r.announced(), bad);
      assertEquals("203.0.113.0/24", Nlri.format(r.withdrawn().get(0).prefixes(), 0,
          Family.IPV4_UNICAST), bad);
      assertFalse(r.problems().isEmpty(), bad);
    }
    ReceivedUpdate noNextHop = read(new UpdateMessage(new byte[0],
        hex("40010100 40020602010000fde9"), hex("18cb0071")));
    assertTrue(noNextHop.treatedAsWithdraw(), "the mandatory NEXT_HOP is missing");
    assertEquals(List.of("the mandatory NEXT_HOP is missing: treated as withdraw"),
        noNextHop.problems());
    ReceivedUpdate badPath = read(new UpdateMessage(new byte[0],
        hex("40010100 40020602020000fde9 400304c0000201"), hex("18cb0071")));
    assertTrue(badPath.treatedAsWithdraw(), "an AS_SEQUENCE of 2 with one AS in it");
  }

  @Test
  void rfc7606AttributeDiscard() throws BgpError {
    ReceivedUpdate r = read(ipv4("40 06 01 00  c0 07 03 000001  40 01 01 02"));
    assertFalse(r.treatedAsWithdraw());
    PathAttributes a = r.announced().get(0).attributes();
    assertFalse(a.atomicAggregate(), "ATOMIC_AGGREGATE with a value is discarded");
    assertEquals(-1, a.aggregatorAs(), "AGGREGATOR of 3 octets is discarded");
    assertEquals(PathAttributes.ORIGIN_IGP, a.origin(), "the repeated ORIGIN is discarded");
    assertEquals(3, r.problems().size(), r.problems().toString());
  }

  @Test
  void rfc7606SessionReset() {
    record Case(String why, UpdateMessage m, int subcode) {}
    for (Case c : List.of(
        new Case("unrecognized well-known attribute", ipv4("40 63 01 00"), 2),
        new Case("MP_REACH_NLRI twice", new UpdateMessage(new byte[0], hex(
            "40010100 400200 800e15 0002 01 10 20010db8000000000000000000000001 00"
            + " 800e15 0002 01 10 20010db8000000000000000000000001 00"), new byte[0]), 1),
        new Case("MP_REACH_NLRI too short for its next hop", new UpdateMessage(new byte[0],
            hex("40010100 400200 800e05 0002 01 10 20"), new byte[0]), 9),
        new Case("MP_REACH_NLRI prefixes do not parse", new UpdateMessage(new byte[0], hex(
            "40010100 400200 800e17 0002 01 10 20010db8000000000000000000000001 00 81 20"),
            new byte[0]), 10),
        new Case("NLRI does not parse", new UpdateMessage(new byte[0],
            hex("40010100 40020602010000fde9 400304c0000201"), hex("21 c0000201 00")), 10),
        new Case("attributes overrun, no prefixes outside them", new UpdateMessage(new byte[0],
            hex("40010100 400205 0201"), new byte[0]), 1))) {
      BgpError e = assertThrows(BgpError.class, () -> read(c.m), c.why);
      assertEquals(List.of(3, c.subcode), List.of(e.code(), e.subcode()), c.why);
    }
  }

  @Test
  void unknownOptionalTransitiveAttributesPassOnWithThePartialBit() throws BgpError {
    ReceivedUpdate r = read(ipv4("c0 c8 02 abcd  80 c9 01 ff"));
    assertArrayEquals(hex("e0 c8 02 abcd"), r.announced().get(0).attributes()
        .unknownTransitive(), "transitive kept, partial set; non-transitive dropped");
  }

  @Test
  void fromATwoOctetSpeakerAs4PathRestoresTheRealPath() throws BgpError {
    ReceivedUpdate r = new UpdateReader(TWO_OCTET, true).read(new UpdateMessage(new byte[0],
        hex("40010100 4002080203 fde9 5ba0 fdeb 400304c0000201 c0110a0202 fa56ea01 0000fdeb"),
        hex("18cb0071")));
    assertEquals("65001 4200000001 65003",
        AsPath.toString(r.announced().get(0).attributes().asPath()));
  }

  @Test
  void tsharkDecodesWhatTheWriterWrites() throws Exception {
    List<BgpMessage> messages = new ArrayList<>();
    UpdateWriter writer = new UpdateWriter(FOUR_OCTET);
    messages.addAll(writer.announce(Family.IPV4_UNICAST, full("192.0.2.1"),
        prefixes(Family.IPV4_UNICAST, 2)));
    messages.addAll(writer.announce(Family.IPV6_UNICAST, full("2001:db8::1"),
        prefixes(Family.IPV6_UNICAST, 2)));
    messages.addAll(writer.withdraw(Family.IPV4_UNICAST, prefixes(Family.IPV4_UNICAST, 1)));
    messages.addAll(writer.withdraw(Family.IPV6_UNICAST, prefixes(Family.IPV6_UNICAST, 1)));
    messages.add(writer.endOfRib(Family.IPV6_UNICAST));
    Path file = dir.resolve("updates.pcap");
    Tshark.writePcap(file, messages, FOUR_OCTET);
    String fields = Tshark.run("-r", file.toString(), "-T", "fields", "-E", "separator=;",
        "-e", "bgp.update.path_attribute.as_path_segment.as4",
        "-e", "bgp.update.path_attribute.multi_exit_disc",
        "-e", "bgp.update.path_attribute.community_as",
        "-e", "bgp.large_communities.ga",
        "-e", "bgp.nlri_prefix", "-e", "bgp.mp_reach_nlri_ipv6_prefix",
        "-e", "bgp.withdrawn_prefix", "-e", "bgp.mp_unreach_nlri_ipv6_prefix");
    List<String> lines = fields.lines().toList();
    assertEquals(5, lines.size(), fields);
    assertEquals("65001,4200000001,65003;50;65001;4200000001;10.0.0.0,10.0.1.0;;;",
        lines.get(0), fields);
    assertEquals("65001,4200000001,65003;50;65001;4200000001;;2001:db8::,2001:db8:1::;;",
        lines.get(1), fields);
    assertEquals(";;;;;;10.0.0.0;", lines.get(2), fields);
    assertEquals(";;;;;;;2001:db8::", lines.get(3), fields);
    String verbose = Tshark.run("-r", file.toString(), "-V");
    assertFalse(verbose.contains("Malformed") || verbose.contains("[Expert Info (Error")
        || verbose.contains("[Expert Info (Warning"), verbose);
  }
}
