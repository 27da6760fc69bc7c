package io.outpost.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtendedNextHopTest {
  @Test
  void oursIsIpv4UnicastWithAnIpv6NextHopInRfc8950sLayout() {
    assertArrayEquals(new byte[] {0, 1, 0, 1, 0, 2}, ExtendedNextHop.ipv4OverIpv6().value());
  }

  @Test
  void theTupleIsFoundAmongOthersAndOtherTuplesDoNotCount() {
    assertTrue(ExtendedNextHop.offersIpv4OverIpv6(open(new byte[] {
        0, 1, 0, (byte) 128, 0, 2, // VPN-IPv4 over IPv6: not ours
        0, 1, 0, 1, 0, 2})));
    assertFalse(ExtendedNextHop.offersIpv4OverIpv6(open(new byte[] {0, 1, 0, (byte) 128, 0, 2})));
    assertFalse(ExtendedNextHop.offersIpv4OverIpv6(open(new byte[] {0, 1, 0, 1, 0})),
        "a short tuple is ignored");
    assertFalse(ExtendedNextHop.offersIpv4OverIpv6(new OpenMessage(4, 65001, 90, 1, List.of())));
  }

  private static OpenMessage open(byte[] value) {
    return new OpenMessage(4, 65001, 90, 1,
        List.of(new Capability(Capability.EXTENDED_NEXT_HOP, value)));
  }
}
