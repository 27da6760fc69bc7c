package io.outpost.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ADD-PATH capability (RFC 7911 section 4) on the wire and what two of them negotiate. */
class AddPathTest {
  @Test
  void encodesOneTuplePerFamilyAndReadsItBack() {
    AddPath ours = new AddPath(Map.of(Family.IPV4_UNICAST, AddPath.RECEIVE,
        Family.IPV6_UNICAST, AddPath.RECEIVE | AddPath.SEND));
    Capability c = ours.capability();
    assertEquals(Capability.ADD_PATH, c.code());
    assertArrayEquals(BgpCodecTest.hex("00010101 00020103"), c.value());
    assertEquals(ours, AddPath.of(open(c)));
  }

  @Test
  void receivesWhereWeReceiveAndThePeerSends() {
    AddPath ours = new AddPath(Map.of(Family.IPV4_UNICAST, AddPath.RECEIVE,
        Family.IPV6_UNICAST, AddPath.RECEIVE));
    AddPath theirs = new AddPath(Map.of(Family.IPV4_UNICAST, AddPath.SEND | AddPath.RECEIVE,
        Family.IPV6_UNICAST, AddPath.RECEIVE));
    assertEquals(Set.of(Family.IPV4_UNICAST), AddPath.receiving(ours, theirs));
    assertEquals(Set.of(), AddPath.receiving(ours, new AddPath(Map.of())));
  }

  @Test
  void ignoresTuplesOfUnknownFamiliesOrModesAndATrailingFragment() {
    // AFI 1 SAFI 128 (unknown), IPv6 with mode 4 (undefined), IPv4 send, then 2 stray octets.
    Capability c = new Capability(Capability.ADD_PATH,
        BgpCodecTest.hex("00018002 00020104 00010102 0001"));
    assertEquals(new AddPath(Map.of(Family.IPV4_UNICAST, AddPath.SEND)), AddPath.of(open(c)));
  }

  private static OpenMessage open(Capability c) {
    return new OpenMessage(4, 65001, 90, 0x0a000001L, List.of(c));
  }
}
