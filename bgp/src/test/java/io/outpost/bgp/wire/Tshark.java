package io.outpost.bgp.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wireshark's BGP dissector as an independent judge: messages written into a pcap file as TCP
 * segments to port 179, and tshark (Debian package tshark, installed by scripts/test) run on it.
 */
public final class Tshark {
  private Tshark() {}

  /** One Ethernet/IPv4/TCP frame per message, 192.0.2.1:40000 to 192.0.2.2:179. */
  public static void writePcap(Path file, List<BgpMessage> messages,
      SessionOptions options) throws IOException {
    ByteBuffer pcap = ByteBuffer.allocate(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
    pcap.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
        .putInt(65535).putInt(1); // LINKTYPE_ETHERNET
    int sequence = 1;
    int second = 1_764_000_000;
    for (BgpMessage m : messages) {
      byte[] payload = BgpCodecTest.encode(m, options);
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

  public static String run(String... args) throws Exception {
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
