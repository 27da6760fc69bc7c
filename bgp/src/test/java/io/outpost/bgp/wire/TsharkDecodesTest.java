package io.outpost.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's BGP dissector as an independent judge of what the codec writes: each encoded
 * message goes in a TCP segment to port 179 of a pcap file, and tshark (Debian package tshark,
 * installed by scripts/test) must decode every one, as the message we meant, with no
 * malformed-packet or error-level expert information.
 */
class TsharkDecodesTest {
  @TempDir
  Path dir;

  @Test
  void tsharkDecodesEveryMessageWeWrite() throws Exception {
    List<BgpMessage> messages = List.of(
        new OpenMessage(4, OpenMessage.AS_TRANS, 90, 0xc000_0201L, List.of(
            Capability.multiprotocol(1, 1), Capability.multiprotocol(2, 1),
            Capability.flag(Capability.ROUTE_REFRESH),
            Capability.flag(Capability.ENHANCED_ROUTE_REFRESH),
            Capability.fourOctetAs(4_200_000_001L))),
        KeepaliveMessage.INSTANCE,
        new UpdateMessage(new byte[0], BgpCodecTest.hex("40010100 400206020100 00fde9"
            + " 400304c0000201"), BgpCodecTest.hex("18cb0071")),
        new RouteRefreshMessage(2, RouteRefreshMessage.REQUEST, 1),
        NotificationMessage.cease(NotificationMessage.ADMINISTRATIVE_SHUTDOWN,
            "maintenance window"));
    Path file = dir.resolve("bgp.pcap");
    Tshark.writePcap(file, messages, SessionOptions.DEFAULT);
    String fields = Tshark.run("-r", file.toString(), "-T", "fields", "-E", "separator=,",
        "-e", "bgp.type", "-e", "bgp.open.myas", "-e", "bgp.open.holdtime",
        "-e", "bgp.cap.4as", "-e", "bgp.notify.major_error", "-e", "bgp.notify.minor_error_cease",
        "-e", "bgp.notify.communication", "-e", "bgp.update.path_attribute.next_hop",
        "-e", "bgp.nlri_prefix");
    assertEquals(List.of(
        "1,23456,90,4200000001,,,,,",
        "4,,,,,,,,",
        "2,,,,,,,192.0.2.1,203.0.113.0",
        "5,,,,,,,,",
        "3,,,,6,2,maintenance window,,"), fields.lines().toList(), fields);
    String verbose = Tshark.run("-r", file.toString(), "-V");
    assertFalse(verbose.contains("Malformed") || verbose.contains("[Expert Info (Error"),
        verbose);
  }
}
