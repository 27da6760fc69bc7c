package io.outpost.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    writePcap(file, messages);
    String fields = tshark("-r", file.toString(), "-T", "fields", "-E", "separator=,",
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
    String verbose = tshark("-r", file.toString(), "-V");
    assertFalse(verbose.contains("Malformed") || verbose.contains("[Expert Info (Error"),
        verbose);
  }

  /** One Ethernet/IPv4/TCP frame per message, 192.0.2.1:40000 to 192.0.2.2:179. */
  private static void writePcap(Path file, List<BgpMessage> messages) throws IOException {
    ByteBuffer pcap = ByteBuffer.allocate(65536).order(ByteOrder.LITTLE_ENDIAN);
    pcap.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
        .putInt(65535).putInt(1); // LINKTYPE_ETHERNET
    int sequence = 1;
    int second = 1_764_000_000;
    for (BgpMessage m : messages) {
      byte[] payload = BgpCodecTest.encode(m, SessionOptions.DEFAULT);
      ByteBuffer frame = ByteBuffer.allocate(54 + payload.length);
      frame.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
      int ip = frame.position();
      frame.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length))
          .putShort((short) 0).putShort((short) 0x4000).put((byte) 64).put((byte) 6)
          .putShort((short) 0).putInt(0xc000_0201).putInt(0xc000_0202);
      frame.putShort(ip + 10, (short) checksum(frame.array(), ip, 20));
      frame.putShort((short) 40000).putShort((short) 179).putInt(sequence).putInt(1)
          .put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putShort((short) 0)
          .putShort((short) 0).put(payload);
      sequence += payload.length;
      pcap.putInt(second++).putInt(0).putInt(frame.capacity()).putInt(frame.capacity())
          .put(frame.array());
    }
    Files.write(file, java.util.Arrays.copyOf(pcap.array(), pcap.position()));
  }

  private static int checksum(byte[] b, int from, int length) {
    long sum = 0;
    for (int i = from; i < from + length; i += 2) {
      sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static String tshark(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("tshark"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("tshark (Debian package tshark, installed by scripts/test)"
          + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
