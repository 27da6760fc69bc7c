package io.outpost.bgp.wire;

import static io.outpost.bgp.wire.BgpCodecTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** IPv4 prefixes in UPDATE's encoding: the fewest octets, trailing bits ignored, errors 3/10. */
class Ipv4PrefixesTest {
  private static long prefix(long address, int length) {
    return (address << 8) | length;
  }

  @Test
  void decodesEveryLengthWithTheFewestOctets() throws BgpError {
    long[] p = Ipv4Prefixes.decode(hex("""
        00                | 0.0.0.0/0
        08 0a             | 10.0.0.0/8
        14 c63364         | 198.51.96.0/20 (the trailing bits of 0x64 are cleared)
        20 c0000201       | 192.0.2.1/32
        """));
    assertArrayEquals(new long[] {prefix(0, 0), prefix(0x0a00_0000L, 8),
        prefix(0xc633_6000L, 20), prefix(0xc000_0201L, 32)}, p);
    assertArrayEquals(hex("00 080a 14c63360 20c0000201"), Ipv4Prefixes.encode(p),
        "encoded back with the trailing bits zero");
  }

  @Test
  void aFieldThatDoesNotParseIsAnInvalidNetworkField() {
    for (String field : List.of("21 c0000201 00", "18 c000", "20")) {
      BgpError e = assertThrows(BgpError.class, () -> Ipv4Prefixes.decode(hex(field)), field);
      assertEquals(List.of(3, 10), List.of(e.code(), e.subcode()), field);
    }
    BgpError inUpdate = assertThrows(BgpError.class, () -> BgpCodecTest.decode(hex(
        BgpCodecTest.MARKER + "001a 02 0000 0000 21 c000"), SessionOptions.DEFAULT));
    assertEquals(List.of(3, 10), List.of(inUpdate.code(), inUpdate.subcode()),
        "an UPDATE whose NLRI does not parse is refused");
  }
}
