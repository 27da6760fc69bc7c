package io.outpost.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Graceful Restart capability's octets (RFC 4724 section 3, RFC 8538's N bit). */
class GracefulRestartTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void helperOnlyIsTheRestartTimeWithoutFamilies() {
    Capability c = new GracefulRestart(false, false, 120, Map.of()).capability();
    assertEquals(Capability.GRACEFUL_RESTART, c.code());
    assertArrayEquals(hex("0078"), c.value());
  }

  @Test
  void flagsTimeAndFamiliesWithTheirForwardingBit() {
    GracefulRestart gr = new GracefulRestart(true, true, 4095,
        Map.of(Family.IPV4_UNICAST, true, Family.IPV6_UNICAST, false));
    byte[] v = gr.capability().value();
    assertArrayEquals(hex("cfff" + "00010180" + "00020100"), v);
    assertEquals(gr, GracefulRestart.parse(v));
  }

  @Test
  void familiesWeDoNotSpeakAreLeftOutAndMalformedValuesRefused() {
    GracefulRestart gr = GracefulRestart.parse(hex("0008" + "00018000" + "00010180"));
    assertEquals(8, gr.restartSeconds());
    assertEquals(Map.of(Family.IPV4_UNICAST, true), gr.families(), "flowspec (SAFI 128) left out");
    assertTrue(!gr.restarting() && !gr.notification());
    assertNull(GracefulRestart.parse(hex("00")));
    assertNull(GracefulRestart.parse(hex("0078000101")));
    assertThrows(IllegalArgumentException.class,
        () -> new GracefulRestart(false, false, 4096, Map.of()));
  }
}
