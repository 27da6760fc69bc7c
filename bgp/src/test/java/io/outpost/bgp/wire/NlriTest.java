package io.outpost.bgp.wire;

import static io.outpost.bgp.wire.BgpCodecTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prefixes in NLRI encoding: the fewest octets, trailing bits ignored, add-path, errors 3/10. */
class NlriTest {
  private static long[] decode(String hex, Family family, boolean addPath) throws BgpError {
    byte[] field = hex(hex);
    return Nlri.decode(field, 0, field.length, family, addPath);
  }

  private static List<String> text(long[] p, Family family) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Nlri.count(p); i++) {
      out.add(Nlri.format(p, i, family));
    }
    return out;
  }

  private static byte[] encode(long[] p, Family family, boolean addPath) {
    ByteBuf out = Unpooled.buffer();
    for (int i = 0; i < Nlri.count(p); i++) {
      Nlri.encode(p, i, family, addPath, out);
    }
    return ByteBufUtil.getBytes(out);
  }

  @Test
  void ipv4PrefixesOfEveryLengthTakeTheFewestOctets() throws BgpError {
    long[] p = decode("""
        00                | 0.0.0.0/0
        08 0a             | 10.0.0.0/8
        14 c63364         | 198.51.96.0/20 (the trailing bits of 0x64 are cleared)
        20 c0000201       | 192.0.2.1/32
        """, Family.IPV4_UNICAST, false);
    assertEquals(List.of("0.0.0.0/0", "10.0.0.0/8", "198.51.96.0/20", "192.0.2.1/32"),
        text(p, Family.IPV4_UNICAST));
    assertArrayEquals(new long[] {0, 0, 0, 0x0a00_0000L, 0, 8, 0xc633_6000L, 0, 20,
        0xc000_0201L, 0, 32}, p, "address in the first word, length in the third");
    assertArrayEquals(hex("00 080a 14c63360 20c0000201"), encode(p, Family.IPV4_UNICAST, false),
        "encoded back with the trailing bits zero");
  }

  @Test
  void ipv6PrefixesSpanBothWords() throws BgpError {
    long[] p = decode("""
        20 20010db8                               | 2001:db8::/32
        41 20010db80000000180                     | 2001:db8:0:1:8000::/65
        80 20010db8000000000000000000000001       | 2001:db8::1/128
        """, Family.IPV6_UNICAST, false);
    assertEquals(List.of("2001:db8::/32", "2001:db8:0:1:8000::/65", "2001:db8::1/128"),
        text(p, Family.IPV6_UNICAST));
    assertEquals(0x2001_0db8_0000_0001L, p[3]);
    assertEquals(0x8000_0000_0000_0000L, p[4]);
    assertArrayEquals(hex("2020010db8 4120010db80000000180"
        + " 8020010db8000000000000000000000001"), encode(p, Family.IPV6_UNICAST, false));
  }

  @Test
  void addPathPutsAPathIdentifierBeforeEachPrefix() throws BgpError {
    long[] p = decode("00000001 18 c00002  00000007 18 c00002", Family.IPV4_UNICAST, true);
    assertEquals(List.of("192.0.2.0/24", "192.0.2.0/24"), text(p, Family.IPV4_UNICAST));
    assertEquals(List.of(1L, 7L), List.of(p[2] >>> 8, p[5] >>> 8), "the path identifiers");
    assertArrayEquals(hex("00000001 18 c00002  00000007 18 c00002"),
        encode(p, Family.IPV4_UNICAST, true));
  }

  @Test
  void aFieldThatDoesNotParseIsAnInvalidNetworkField() {
    record Bad(String hex, Family family, boolean addPath) {}
    for (Bad bad : List.of(new Bad("21 c0000201 00", Family.IPV4_UNICAST, false),
        new Bad("18 c000", Family.IPV4_UNICAST, false), new Bad("20", Family.IPV4_UNICAST, false),
        new Bad("81 20010db8000000000000000000000001 00", Family.IPV6_UNICAST, false),
        new Bad("00000001", Family.IPV4_UNICAST, true))) {
      BgpError e = assertThrows(BgpError.class, () -> decode(bad.hex, bad.family, bad.addPath),
          bad.toString());
      assertEquals(List.of(3, 10), List.of(e.code(), e.subcode()), bad.toString());
    }
  }
}
